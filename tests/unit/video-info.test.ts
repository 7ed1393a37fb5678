/** Media facts read at upload: a video's length and its size as shown, from its MP4 / MOV headers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource, videoInfo, videoInfoOfFile, type ByteSource } from '../../electron/core/media/video-info';
import { box, largeBox, mp4 } from '../support/mp4';

const info = (bytes: Uint8Array) => videoInfo(bytesSource(bytes));

/** A source that counts what it hands out, to show the media data is never read. */
function counted(bytes: Uint8Array): ByteSource & { read: ByteSource['read']; total: () => number } {
  let total = 0;
  return {
    size: bytes.byteLength,
    read(offset, length) {
      const out = bytes.subarray(offset, Math.min(bytes.byteLength, offset + length));
      total += out.length;
      return out;
    },
    total: () => total,
  };
}

describe('videoInfo', () => {
  it('reads the length and the size of a landscape MP4, version 0 headers', () => {
    expect(info(mp4({ seconds: 372, width: 1920, height: 1080 }))).toEqual({ ok: true, info: { durationSeconds: 372, width: 1920, height: 1080 } });
    expect(info(mp4({ seconds: 2.5, timescale: 90_000, width: 640, height: 360 }))).toEqual({ ok: true, info: { durationSeconds: 2.5, width: 640, height: 360 } });
  });

  it('reads version 1 headers (64-bit times), and a MOV', () => {
    expect(info(mp4({ seconds: 3 * 3600, timescale: 90_000, version: 1, width: 1280, height: 720 }))).toEqual({ ok: true, info: { durationSeconds: 10_800, width: 1280, height: 720 } });
    expect(info(mp4({ seconds: 12, brand: 'qt  ', width: 1080, height: 1920 }))).toEqual({ ok: true, info: { durationSeconds: 12, width: 1080, height: 1920 } });
  });

  it('turns a phone\'s portrait video by its track matrix: stored 1920×1080, shown 1080×1920', () => {
    for (const rotation of [90, 270] as const) {
      expect(info(mp4({ seconds: 20, width: 1920, height: 1080, rotation }))).toEqual({ ok: true, info: { durationSeconds: 20, width: 1080, height: 1920 } });
      expect(info(mp4({ seconds: 20, width: 1920, height: 1080, rotation, version: 1 }))).toEqual({ ok: true, info: { durationSeconds: 20, width: 1080, height: 1920 } });
    }
    expect(info(mp4({ seconds: 20, width: 1920, height: 1080, rotation: 180 }))).toEqual({ ok: true, info: { durationSeconds: 20, width: 1920, height: 1080 } });
  });

  it('finds moov after the media data, past a 64-bit mdat, skipping it rather than reading it', () => {
    const file = mp4({ seconds: 45, moovLast: true, largeMdat: true, mdatBytes: 2_000_000, width: 1280, height: 720 });
    const src = counted(file);
    expect(videoInfo(src)).toEqual({ ok: true, info: { durationSeconds: 45, width: 1280, height: 720 } });
    // Headers and a few small boxes, not the two megabytes of media data.
    expect(src.total()).toBeLessThan(4_000);
  });

  it('sizes a 64-bit box past 4 GB by its header alone', () => {
    // An mdat claiming 5 GB whose bytes are not there (a source that says it is that large).
    const small = mp4({ seconds: 8, width: 720, height: 720 });
    const head = small.subarray(0, small.readUInt32BE(0)); // ftyp
    const moovBox = small.subarray(head.length, head.length + small.readUInt32BE(head.length));
    const big = 5 * 2 ** 30;
    const mdatHeader = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), Buffer.from([0, 0, 0, 1, 0x40, 0, 0, 0])]);
    expect(big).toBe(0x1_4000_0000);
    const size = head.length + big + moovBox.length;
    const src: ByteSource = {
      size,
      read(offset, length) {
        const parts: [number, Buffer][] = [[0, head], [head.length, mdatHeader], [head.length + big, moovBox]];
        for (const [at, bytes] of parts) if (offset >= at && offset < at + bytes.length) return bytes.subarray(offset - at, offset - at + length);
        return new Uint8Array(Math.min(length, size - offset)); // the media data: zeros
      },
    };
    expect(videoInfo(src)).toEqual({ ok: true, info: { durationSeconds: 8, width: 720, height: 720 } });
  });

  it('takes the first video track, past a sound track', () => {
    expect(info(mp4({ seconds: 30, soundFirst: true, width: 1080, height: 1350 }))).toEqual({ ok: true, info: { durationSeconds: 30, width: 1080, height: 1350 } });
  });

  it('answers "could not read" for a file cut short, damaged or hostile, never a throw', () => {
    const whole = mp4({ seconds: 60, moovLast: true });
    const cut = whole.subarray(0, whole.length - 40);
    expect(info(cut)).toMatchObject({ ok: false, reason: expect.stringMatching(/movie header/) });
    expect(info(whole.subarray(0, 30))).toMatchObject({ ok: false });
    expect(info(new Uint8Array(0))).toMatchObject({ ok: false });
    expect(info(new TextEncoder().encode('not a video at all, just some words'))).toMatchObject({ ok: false });
    // A box whose size is smaller than its header, one whose child runs past it, a version no one wrote.
    expect(info(Buffer.concat([box('ftyp', Buffer.from('isom')), Buffer.from([0, 0, 0, 4]), Buffer.from('moov')]))).toMatchObject({ ok: false });
    const overrun = box('moov', Buffer.from([0, 0, 0x10, 0]), Buffer.from('mvhd'), Buffer.alloc(100));
    expect(info(overrun)).toMatchObject({ ok: false, reason: expect.stringMatching(/runs past/) });
    const v9 = Buffer.from(mp4({ seconds: 5 }));
    v9[v9.indexOf('mvhd') + 4] = 9;
    expect(info(v9)).toMatchObject({ ok: false, reason: expect.stringMatching(/version 9/) });
    // A 64-bit size past what a number holds exactly.
    const huge = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
    expect(info(huge)).toMatchObject({ ok: false });
    // Bounded work: a moov of a hundred thousand empty boxes is given up on, not walked.
    const many = box('moov', ...Array.from({ length: 100_000 }, () => box('free')));
    expect(info(many)).toMatchObject({ ok: false, reason: 'too many boxes' });
    // A large box that nests nothing wanted, repeated: still bounded.
    expect(info(Buffer.concat([largeBox('free', Buffer.alloc(8)), largeBox('free', Buffer.alloc(8))]))).toMatchObject({ ok: false, reason: expect.stringMatching(/no movie header/) });
  });

  it('takes a fragmented file\'s whole length (mvex/mehd) over mvhd\'s, which covers only the samples in moov', () => {
    // As ffmpeg writes with -movflags frag_keyframe (no empty_moov): the first fragment's samples
    // in moov (mvhd says 2 s), the rest in moof boxes after it, their total in mehd (5 min).
    const withMehd = (file: Buffer, mehd: Buffer) => {
      const at = file.indexOf('moov') - 4;
      const size = file.readUInt32BE(at);
      const mvex = box('mvex', mehd, box('trex', Buffer.alloc(24)));
      const moov = Buffer.concat([file.subarray(at, at + size), mvex]);
      moov.writeUInt32BE(size + mvex.length, 0);
      return Buffer.concat([file.subarray(0, at), moov, file.subarray(at + size)]);
    };
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const v0 = withMehd(mp4({ seconds: 2, timescale: 600 }), box('mehd', Buffer.from([0, 0, 0, 0]), u32(300 * 600)));
    expect(info(v0)).toEqual({ ok: true, info: { durationSeconds: 300, width: 1920, height: 1080 } });
    const v1 = withMehd(mp4({ seconds: 2, timescale: 600, version: 1 }), box('mehd', Buffer.from([1, 0, 0, 0]), u32(0), u32(300 * 600)));
    expect(info(v1)).toEqual({ ok: true, info: { durationSeconds: 300, width: 1920, height: 1080 } });
    // An empty mehd (0) says nothing: mvhd's length stands.
    const empty = withMehd(mp4({ seconds: 2, timescale: 600 }), box('mehd', Buffer.from([0, 0, 0, 0]), u32(0)));
    expect(info(empty)).toEqual({ ok: true, info: { durationSeconds: 2, width: 1920, height: 1080 } });
  });

  it('answers an unknown length as null, not as zero', () => {
    expect(info(mp4({ seconds: 0, width: 640, height: 480 }))).toEqual({ ok: true, info: { durationSeconds: null, width: 640, height: 480 } });
  });

  it('never throws on random damage to a real file', () => {
    const file = mp4({ seconds: 75, soundFirst: true, rotation: 90 });
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const damaged = Buffer.from(file);
      for (let k = 0; k < 1 + (n % 6); k++) damaged[next() % damaged.length] = next() % 256;
      const end = n % 3 === 0 ? next() % damaged.length : damaged.length;
      const r = info(damaged.subarray(0, end));
      expect(typeof r.ok).toBe('boolean');
    }
  });
});

describe('videoInfoOfFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loomcast-video-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file by offsets, and says when there is none', () => {
    const path = join(dir, 'clip.mp4');
    writeFileSync(path, mp4({ seconds: 372, moovLast: true, mdatBytes: 300_000, rotation: 90, width: 1920, height: 1080 }));
    expect(videoInfoOfFile(path)).toEqual({ ok: true, info: { durationSeconds: 372, width: 1080, height: 1920 } });
    expect(videoInfoOfFile(join(dir, 'gone.mp4'))).toMatchObject({ ok: false, reason: expect.stringMatching(/could not open/) });
  });
});
