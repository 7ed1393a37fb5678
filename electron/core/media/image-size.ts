/**
 * An image's width and height as it is shown, read from its header bytes: PNG, JPEG (with its
 * EXIF orientation applied: a phone's portrait photo is stored landscape with orientation 6 or 8,
 * and every platform shows it upright), GIF and WebP. null when unknown.
 */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sized = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : null);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  // PNG: 8-byte signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
  if (bytes.length >= 24 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return sized(v.getUint32(16), v.getUint32(20));
  // GIF: the logical screen's size, little-endian 16-bit numbers.
  if (bytes.length >= 10 && ascii(0, 4) === 'GIF8') return sized(v.getUint16(6, true), v.getUint16(8, true));
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return webpSize(bytes, v, ascii);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, v, sized);
  return null;
}

function webpSize(bytes: Uint8Array, v: DataView, ascii: (from: number, to: number) => string): { width: number; height: number } | null {
  const chunk = ascii(12, 16);
  const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
  let size: [number, number] | null = null;
  // VP8X: canvas size minus one, 24-bit each (this is where rotation-free extended files keep it).
  if (chunk === 'VP8X') size = [u24(24) + 1, u24(27) + 1];
  // VP8 (lossy): a key frame's start code, then 14-bit width and height.
  else if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) size = [v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff];
  // VP8L (lossless): a signature byte, then 14-bit width−1 and height−1.
  else if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const b = v.getUint32(21, true);
    size = [(b & 0x3fff) + 1, ((b >> 14) & 0x3fff) + 1];
  }
  return size && size[0] > 0 && size[1] > 0 ? { width: size[0], height: size[1] } : null;
}

function jpegSize(bytes: Uint8Array, v: DataView, sized: (w: number, h: number) => { width: number; height: number } | null) {
  let orientation = 1;
  // Walk the segments to the first start-of-frame marker (SOF0..SOF15 except DHT/JPG/DAC),
  // noting the EXIF orientation on the way (APP1 comes before the frame).
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1; // padding
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      // Orientations 5–8 turn the picture a quarter: what is shown is the stored size swapped.
      return orientation >= 5 && orientation <= 8 ? sized(height, width) : sized(width, height);
    }
    if (length < 2) return null;
    if (marker === 0xe1) orientation = exifOrientation(bytes, v, i + 4, Math.min(bytes.length, i + 2 + length)) ?? orientation;
    i += 2 + length;
  }
  return null;
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 segment's body [start, end); null when absent. */
function exifOrientation(bytes: Uint8Array, v: DataView, start: number, end: number): number | null {
  if (end - start < 14 || String.fromCharCode(...bytes.subarray(start, start + 6)) !== 'Exif\0\0') return null;
  const tiff = start + 6;
  const little = bytes[tiff] === 0x49 && bytes[tiff + 1] === 0x49;
  if (!little && !(bytes[tiff] === 0x4d && bytes[tiff + 1] === 0x4d)) return null;
  const u16 = (at: number) => (at + 2 <= end ? v.getUint16(at, little) : null);
  const u32 = (at: number) => (at + 4 <= end ? v.getUint32(at, little) : null);
  if (u16(tiff + 2) !== 42) return null;
  const ifd = u32(tiff + 4);
  if (ifd === null) return null;
  const count = u16(tiff + ifd);
  if (count === null) return null;
  for (let n = 0; n < count; n++) {
    const entry = tiff + ifd + 2 + n * 12;
    if (entry + 12 > end) return null;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}

/**
 * What image the bytes are, whatever the file was called or declared as: a PNG saved as
 * "photo.jpg" is a PNG to every platform. 'heif' for HEIC/HEIF/AVIF stills (an iPhone's photos),
 * which no platform Loomcast serves takes; null when the bytes are no image it knows.
 */
export function imageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'heif' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|heim|heis|hevc|hevx|mif1|msf1|avif|avis)$/.test(ascii(8, 12))) return 'heif';
  return null;
}
