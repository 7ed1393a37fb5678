/**
 * Small MP4 files built in code (ISO base media file format): ftyp, moov (mvhd, and a trak of
 * tkhd + mdia(mdhd, hdlr, minf/stbl/stsd) per track) and mdat, with a chosen length, size and
 * rotation. No frames: enough for Loomcast's reader (electron/core/media/video-info.ts), which
 * reads only the headers.
 */

export interface Mp4Options {
  /** Seconds, at `timescale` units a second. */
  seconds: number;
  timescale?: number;
  width?: number;
  height?: number;
  /** The video track's turn when shown, clockwise. */
  rotation?: 0 | 90 | 180 | 270;
  /** mvhd, tkhd and mdhd version: 1 has 64-bit times. */
  version?: 0 | 1;
  /** moov after mdat (as cameras write it) rather than before. */
  moovLast?: boolean;
  /** mdat's size as a 64-bit size (size field 1). */
  largeMdat?: boolean;
  /** The media data's length. */
  mdatBytes?: number;
  /** A sound track before the video track. */
  soundFirst?: boolean;
  /** The brand: 'qt  ' for a MOV. */
  brand?: string;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const u64 = (n: number) => Buffer.concat([u32(Math.floor(n / 2 ** 32)), u32(n % 2 ** 32)]);
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** One box: its 32-bit size, type and body. */
export function box(type: string, ...body: Buffer[]): Buffer {
  const content = Buffer.concat(body);
  return Buffer.concat([u32(8 + content.length), Buffer.from(type, 'latin1'), content]);
}

/** A box with a 64-bit size (size field 1, then the size after the type). */
export function largeBox(type: string, ...body: Buffer[]): Buffer {
  const content = Buffer.concat(body);
  return Buffer.concat([u32(1), Buffer.from(type, 'latin1'), u64(16 + content.length), content]);
}

const fullBox = (type: string, version: number, ...body: Buffer[]) => box(type, Buffer.from([version, 0, 0, 0]), ...body);

/** Creation and modification time, then timescale and duration: mvhd's and mdhd's start. */
const times = (version: 0 | 1, timescale: number, units: number) =>
  version === 1 ? Buffer.concat([u64(0), u64(0), u32(timescale), u64(units)]) : Buffer.concat([u32(0), u32(0), u32(timescale), u32(units)]);

/** The 3×3 matrix of a clockwise turn, as tkhd keeps it (a, b, u, c, d, v, x, y, w). */
function matrix(rotation: 0 | 90 | 180 | 270): Buffer {
  const one = 0x10000;
  const [a, b, c, d] = { 0: [one, 0, 0, one], 90: [0, one, -one, 0], 180: [-one, 0, 0, -one], 270: [0, -one, one, 0] }[rotation];
  return Buffer.concat([i32(a!), i32(b!), i32(0), i32(c!), i32(d!), i32(0), i32(0), i32(0), i32(0x40000000)]);
}

function mvhd(version: 0 | 1, timescale: number, units: number): Buffer {
  // rate, volume, reserved, matrix, pre_defined, next_track_ID
  return fullBox('mvhd', version, times(version, timescale, units), u32(0x10000), Buffer.from([1, 0]), Buffer.alloc(10), matrix(0), Buffer.alloc(24), u32(3));
}

function trak(o: { version: 0 | 1; id: number; units: number; timescale: number; handler: 'vide' | 'soun'; width: number; height: number; rotation: 0 | 90 | 180 | 270 }): Buffer {
  const v = o.version;
  const tkhdTimes = v === 1 ? Buffer.concat([u64(0), u64(0), u32(o.id), u32(0), u64(o.units)]) : Buffer.concat([u32(0), u32(0), u32(o.id), u32(0), u32(o.units)]);
  const size = o.handler === 'vide' ? Buffer.concat([u32(o.width * 0x10000), u32(o.height * 0x10000)]) : Buffer.concat([u32(0), u32(0)]);
  const tkhd = box('tkhd', Buffer.from([v, 0, 0, 3]), tkhdTimes, Buffer.alloc(8), Buffer.alloc(8), matrix(o.rotation), size);
  const mdhd = fullBox('mdhd', v, times(v, o.timescale, o.units), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = fullBox('hdlr', 0, u32(0), Buffer.from(o.handler, 'latin1'), Buffer.alloc(12), Buffer.from('Loomcast\0', 'latin1'));
  const entry = o.handler === 'vide' ? box('avc1', Buffer.alloc(6), Buffer.from([0, 1]), Buffer.alloc(16), Buffer.from([o.width >> 8, o.width & 255, o.height >> 8, o.height & 255]), Buffer.alloc(50)) : box('mp4a', Buffer.alloc(28));
  const stbl = box('stbl', fullBox('stsd', 0, u32(1), entry), fullBox('stts', 0, u32(0)), fullBox('stsc', 0, u32(0)), fullBox('stsz', 0, u32(0), u32(0)), fullBox('stco', 0, u32(0)));
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', stbl)));
}

/** A small MP4 (or MOV) with the given length, size and turn. */
export function mp4(options: Mp4Options): Buffer {
  const { seconds, timescale = 600, width = 1920, height = 1080, rotation = 0, version = 0, moovLast = false, largeMdat = false, mdatBytes = 64, soundFirst = false, brand = 'isom' } = options;
  const units = Math.round(seconds * timescale);
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from(`${brand}mp41`, 'latin1'));
  const video = trak({ version, id: 1, units, timescale, handler: 'vide', width, height, rotation });
  const sound = soundFirst ? [trak({ version, id: 2, units, timescale, handler: 'soun', width: 0, height: 0, rotation: 0 })] : [];
  const moov = box('moov', mvhd(version, timescale, units), ...sound, video);
  const data = Buffer.alloc(mdatBytes, 0x5a);
  const mdat = largeMdat ? largeBox('mdat', data) : box('mdat', data);
  return Buffer.concat(moovLast ? [ftyp, box('free'), mdat, moov] : [ftyp, moov, mdat]);
}
