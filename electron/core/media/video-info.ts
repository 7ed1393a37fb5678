/**
 * A video's length and its size as shown, read from an MP4 / MOV file (the ISO base media file
 * format, and QuickTime's, which it grew from): the movie header (moov/mvhd) gives the duration
 * (a fragmented file's whole, moov/mvex/mehd), the first video track (a trak whose mdia/hdlr says
 * 'vide') its width, height and rotation
 * (tkhd's matrix: a phone's portrait video is stored landscape and turned a quarter when shown).
 *
 * Only box headers and the few small boxes needed are read, each by its offset: the reader skips
 * from box to box (the media data, which is nearly all of the file, is never read), and moov may
 * come last. The work is bounded (so many boxes at most), and a damaged or hostile file answers
 * `{ ok: false }`, never a throw.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes by offset: an upload already in memory, or a file read where asked. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer at the end. */
  read(offset: number, length: number): Uint8Array;
}

export interface VideoInfo {
  /** null where the file does not say (a fragmented MP4 without its total, a zero timescale). */
  durationSeconds: number | null;
  /** As shown (rotation applied); null without a video track that says. */
  width: number | null;
  height: number | null;
}

export type VideoInfoResult = { ok: true; info: VideoInfo } | { ok: false; reason: string };

/** Boxes looked at in all, top level and inside moov: a real file has a few dozen. */
const MAX_BOXES = 10_000;
/** The most read of one box's body: the fields wanted are in the first 100 bytes of each. */
const MAX_BODY = 256;

class Unreadable extends Error {}

interface Box {
  type: string;
  /** Where the body starts (after the header) and where the box ends. */
  body: number;
  end: number;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)) };
}

/**
 * Reads the video's facts from a file, by offset; never the whole file. The file is opened and
 * closed here; one that cannot be opened answers `{ ok: false }` too.
 */
export function videoInfoOfFile(path: string): VideoInfoResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return { ok: false, reason: `could not open the file: ${(err as Error).message}` };
  }
  try {
    const size = fstatSync(fd).size;
    return videoInfo({
      size,
      read(offset, length) {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const n = out.length ? readSync(fd, out, 0, out.length, offset) : 0;
        return out.subarray(0, n);
      },
    });
  } catch (err) {
    return { ok: false, reason: `could not read the file: ${(err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** The video's duration and displayed size, or why they could not be read. */
export function videoInfo(source: ByteSource): VideoInfoResult {
  try {
    return { ok: true, info: read(source) };
  } catch (err) {
    return { ok: false, reason: err instanceof Unreadable ? err.message : `damaged file (${(err as Error).message})` };
  }
}

function read(src: ByteSource): VideoInfo {
  let budget = MAX_BOXES;
  /** The boxes from `start` to `end`, one header read each; a box that overruns its parent is damage. */
  function* boxes(start: number, end: number, topLevel = false): Generator<Box> {
    let at = start;
    while (at + 8 <= end) {
      if (--budget < 0) throw new Unreadable('too many boxes');
      const h = src.read(at, 16);
      if (h.length < 8) throw new Unreadable('the file ends inside a box header');
      const v = view(h);
      let size = v.getUint32(0);
      const type = String.fromCharCode(h[4]!, h[5]!, h[6]!, h[7]!);
      let header = 8;
      if (size === 1) {
        // A 64-bit size follows the type.
        if (h.length < 16) throw new Unreadable('the file ends inside a box header');
        size = v.getUint32(8) * 2 ** 32 + v.getUint32(12);
        header = 16;
      } else if (size === 0) size = end - at; // to the end of the file (or of its parent)
      if (!/^[\x20-\x7e\xa9]{4}$/.test(type)) throw new Unreadable('not an MP4 or MOV file');
      if (size < header || !Number.isSafeInteger(size)) throw new Unreadable(`a ${type} box has an impossible size`);
      if (at + size > end) {
        // A top-level box cut short (a download stopped in the media data) is the file's last:
        // its reader says whether that matters (a moov cut short does). Inside moov it is damage.
        if (!topLevel) throw new Unreadable(`the ${type} box runs past its end`);
        yield { type, body: at + header, end: at + size };
        return;
      }
      yield { type, body: at + header, end: at + size };
      at += size;
    }
  }
  const child = (parent: Box, type: string): Box | null => {
    for (const b of boxes(parent.body, parent.end)) if (b.type === type) return b;
    return null;
  };
  const body = (box: Box, need: number): DataView => {
    const bytes = src.read(box.body, Math.min(MAX_BODY, box.end - box.body));
    if (bytes.length < need) throw new Unreadable(`the ${box.type} box is too short`);
    return view(bytes);
  };

  let moov: Box | null = null;
  for (const b of boxes(0, src.size, true)) {
    if (b.type === 'moov') {
      moov = b;
      break;
    }
  }
  if (!moov) throw new Unreadable('no movie header (moov box)');
  if (moov.end > src.size) throw new Unreadable('the file ends inside its movie header');

  const mvhd = child(moov, 'mvhd');
  if (!mvhd) throw new Unreadable('no mvhd box');
  let duration = timed(body(mvhd, 32), 4);

  let width: number | null = null;
  let height: number | null = null;
  for (const trak of boxes(moov.body, moov.end)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(trak, 'mdia');
    const hdlr = mdia && child(mdia, 'hdlr');
    if (!mdia || !hdlr || fourcc(body(hdlr, 12), 8) !== 'vide') continue;
    const tkhd = body(child(trak, 'tkhd') ?? fail('a video track without its tkhd box'), 84);
    // tkhd's size; where it gives none, the first sample description's (stsd), turned the same way.
    const size = trackSize(tkhd) ?? sampleSize(mdia, tkhd);
    if (size) [width, height] = size;
    // Without the movie's total (fragmented files may leave it 0), the video track's own length.
    if (duration === null) {
      const mdhd = child(mdia, 'mdhd');
      duration = mdhd ? timed(body(mdhd, 24), 4) : null;
    }
    break;
  }
  // A fragmented file's whole length (mvex/mehd) where it gives one: mvhd's covers only the
  // samples in moov itself (none, or the first fragment's, as ffmpeg's frag_keyframe writes them).
  const mvex = child(moov, 'mvex');
  const mehd = mvex && child(mvex, 'mehd');
  const whole = mehd && fragmentDuration(body(mehd, 8), body(mvhd, 32));
  if (whole) duration = Math.max(whole, duration ?? 0);
  return { durationSeconds: duration, width, height };

  /** The first visual sample entry's width and height (mdia/minf/stbl/stsd), turned by tkhd's matrix. */
  function sampleSize(mdia: Box, tkhd: DataView): [number, number] | null {
    const minf = child(mdia, 'minf');
    const stbl = minf && child(minf, 'stbl');
    const stsd = stbl && child(stbl, 'stsd');
    if (!stsd) return null;
    const entry = boxes(stsd.body + 8, stsd.end).next();
    if (entry.done) return null;
    const e = body(entry.value, 28);
    const w = e.getUint16(24);
    const h = e.getUint16(26);
    return w && h ? turned(tkhd, w, h) : null;
  }
}

/** Duration ÷ timescale at `at` (just past version and flags) for versions 0 and 1; null when unknown. */
function timed(v: DataView, at: number): number | null {
  const version = v.getUint8(0);
  if (version > 1) throw new Unreadable(`unknown header version ${version}`);
  let timescale: number;
  let units: number;
  if (version === 1) {
    if (v.byteLength < at + 28) throw new Unreadable('a version 1 header is too short');
    timescale = v.getUint32(at + 16);
    const hi = v.getUint32(at + 20);
    const lo = v.getUint32(at + 24);
    if (hi === 0xffffffff && lo === 0xffffffff) return null; // "unknown"
    units = hi * 2 ** 32 + lo;
  } else {
    timescale = v.getUint32(at + 8);
    units = v.getUint32(at + 12);
    if (units === 0xffffffff) return null;
  }
  if (timescale === 0 || units === 0 || !Number.isFinite(units / timescale)) return null;
  return units / timescale;
}

/** A fragmented file's whole length (mvex/mehd), in the movie's timescale. */
function fragmentDuration(mehd: DataView, mvhd: DataView): number | null {
  const timescale = mvhd.getUint8(0) === 1 ? mvhd.getUint32(20) : mvhd.getUint32(12);
  const units = mehd.getUint8(0) === 1 ? (mehd.byteLength >= 12 ? mehd.getUint32(4) * 2 ** 32 + mehd.getUint32(8) : 0) : mehd.getUint32(4);
  return timescale && units ? units / timescale : null;
}

/** tkhd's width and height (16.16 fixed point), turned by its matrix; null where it gives none. */
function trackSize(tkhd: DataView): [number, number] | null {
  const at = tkhd.getUint8(0) === 1 ? 88 : 76;
  if (tkhd.getUint8(0) > 1) throw new Unreadable(`unknown tkhd version ${tkhd.getUint8(0)}`);
  if (tkhd.byteLength < at + 8) throw new Unreadable('the tkhd box is too short');
  const w = tkhd.getUint32(at) / 65536;
  const h = tkhd.getUint32(at + 4) / 65536;
  return w >= 1 && h >= 1 ? turned(tkhd, w, h) : null;
}

/**
 * A width and height as the track's matrix shows them: the box the picture fills once scaled and
 * turned (a, b, c, d are 16.16 fixed point: [a b; c d] maps (x, y) to (a·x + c·y, b·x + d·y)).
 * A quarter turn either way swaps them; no matrix (all zero) leaves them as stored.
 */
function turned(tkhd: DataView, w: number, h: number): [number, number] {
  const m = tkhd.getUint8(0) === 1 ? 52 : 40;
  if (tkhd.byteLength < m + 16) return [Math.round(w), Math.round(h)];
  const [a, b, , c, d] = [0, 4, 8, 12, 16].map((o) => tkhd.getInt32(m + o) / 65536) as [number, number, number, number, number];
  const shownW = Math.abs(a) * w + Math.abs(c) * h;
  const shownH = Math.abs(b) * w + Math.abs(d) * h;
  if (shownW < 1 || shownH < 1) return [Math.round(w), Math.round(h)];
  return [Math.round(shownW), Math.round(shownH)];
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const fourcc = (v: DataView, at: number) => String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));
const fail = (reason: string): never => {
  throw new Unreadable(reason);
};
