/** Media facts read at upload: an image's size as it is shown. */
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../electron/core/media/image-size';

/** A JPEG whose frame stores width×height, with an Exif APP1 in either byte order when given an orientation. */
function jpeg(width: number, height: number, exif?: { orientation: number; little: boolean }): Uint8Array {
  const u16 = (n: number, little: boolean) => (little ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
  const app1 = exif
    ? (() => {
        const l = exif.little;
        const tiff = [...(l ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42, l), ...(l ? [8, 0, 0, 0] : [0, 0, 0, 8])];
        // Two entries: one before the orientation (ImageWidth), then Orientation (SHORT, 1).
        const ifd = [...u16(2, l), ...u16(0x0100, l), ...u16(3, l), ...(l ? [1, 0, 0, 0] : [0, 0, 0, 1]), ...u16(width, l), 0, 0, ...u16(0x0112, l), ...u16(3, l), ...(l ? [1, 0, 0, 0] : [0, 0, 0, 1]), ...u16(exif.orientation, l), 0, 0, 0, 0, 0, 0];
        const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, ...ifd];
        return [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
      })()
    : [];
  const sof2 = [0xff, 0xc2, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof2, 0xff, 0xd9]);
}

describe('imageSize', () => {
  it('turns a JPEG by its EXIF orientation, in either byte order', () => {
    for (const little of [true, false]) {
      for (const orientation of [5, 6, 7, 8]) expect(imageSize(jpeg(4032, 3024, { orientation, little }))).toEqual({ width: 3024, height: 4032 });
      for (const orientation of [1, 2, 3, 4]) expect(imageSize(jpeg(4032, 3024, { orientation, little }))).toEqual({ width: 4032, height: 3024 });
    }
    expect(imageSize(jpeg(1200, 675))).toEqual({ width: 1200, height: 675 });
  });

  it('reads GIF and WebP sizes', () => {
    expect(imageSize(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x80, 0x02, 0xe0, 0x01, 0, 0, 0]))).toEqual({ width: 640, height: 480 });
    const riff = (chunk: string, body: number[]) => new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), ...Buffer.from(chunk), 0, 0, 0, 0, ...body, ...new Array<number>(16).fill(0)]);
    // VP8X: flags, reserved, then width−1 and height−1 (24-bit little-endian).
    expect(imageSize(riff('VP8X', [0, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00]))).toEqual({ width: 1920, height: 1080 });
    // VP8: a frame tag, the start code, then 14-bit width and height.
    expect(imageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x38, 0x04, 0x38, 0x04]))).toEqual({ width: 1080, height: 1080 });
    // VP8L: the signature, then width−1 (14 bits) and height−1 (14 bits).
    const wh = (800 - 1) | ((600 - 1) << 14);
    expect(imageSize(riff('VP8L', [0x2f, wh & 0xff, (wh >> 8) & 0xff, (wh >> 16) & 0xff, (wh >>> 24) & 0xff]))).toEqual({ width: 800, height: 600 });
  });

  it('says null for what it cannot read', () => {
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(imageSize(new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63]))).toBeNull();
  });
});
