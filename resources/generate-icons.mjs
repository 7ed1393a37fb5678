#!/usr/bin/env node
/**
 * Draws Loomcast's icons with nothing but Node (zlib for PNG, hand-written ICO and ICNS
 * containers), so they can be regenerated on any machine without ImageMagick:
 *
 *   node resources/generate-icons.mjs
 *
 * The mark: an indigo rounded square with a white "L" woven through two lavender threads —
 * the upper thread passes over the L, the lower one under it. Below 128 px the threads would
 * be mush, so small sizes keep only the L. Shapes are signed distance fields, antialiased by
 * their distance in pixels, so every size is drawn sharp rather than scaled down.
 *
 * The generated files are committed; this script is only needed to change the design.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------- colours
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const ACCENT_LIGHT = hex('#6366f1');
const ACCENT = hex('#4f46e5');
const ACCENT_DARK = hex('#4338ca');
const WHITE = hex('#ffffff');
const THREAD = hex('#c7d2fe');

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

// ------------------------------------------------------------------- distance fields
/** Rounded box centred at (cx, cy) with half extents (hx, hy) and corner radius r. */
function sdRoundBox(px, py, cx, cy, hx, hy, r) {
  const qx = Math.abs(px - cx) - hx + r;
  const qy = Math.abs(py - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** A stroke from (ax, ay) to (bx, by) with round caps and half width w. */
function sdSegment(px, py, ax, ay, bx, by, w) {
  const pax = px - ax;
  const pay = py - ay;
  const bax = bx - ax;
  const bay = by - ay;
  const h = Math.max(0, Math.min(1, (pax * bax + pay * bay) / (bax * bax + bay * bay)));
  return Math.hypot(pax - bax * h, pay - bay * h) - w;
}

const coverage = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px));

// --------------------------------------------------------------------------- canvas
function canvas(size) {
  return { size, data: new Float64Array(size * size * 4) };
}

/** Paints `colorAt(x, y)` through the shape `sd(x, y)` (unit coordinates 0..1) with source-over. */
function paint(c, sd, colorAt, opacity = 1) {
  const { size, data } = c;
  const px = 1 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) * px;
      const v = (y + 0.5) * px;
      const a = coverage(sd(u, v), px) * opacity;
      if (a <= 0) continue;
      const col = colorAt(u, v);
      const i = (y * size + x) * 4;
      const da = data[i + 3];
      const oa = a + da * (1 - a);
      for (let k = 0; k < 3; k++) data[i + k] = (col[k] * a + data[i + k] * da * (1 - a)) / oa;
      data[i + 3] = oa;
    }
  }
}

/** Removes `sd` from what is painted (for monochrome template images). */
function knockOut(c, sd) {
  const { size, data } = c;
  const px = 1 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(sd((x + 0.5) * px, (y + 0.5) * px), px);
      data[(y * size + x) * 4 + 3] *= 1 - a;
    }
  }
}

// ---------------------------------------------------------------------------- design
// Unit coordinates: the square is the whole image minus a margin; small icons use almost
// all of their pixels, large ones leave the breathing room desktop docks expect.
function tile(size) {
  const margin = size <= 32 ? 0.03 : size <= 64 ? 0.05 : 0.08;
  const half = 0.5 - margin;
  return { half, radius: half * 0.46, sd: (u, v) => sdRoundBox(u, v, 0.5, 0.5, half, half, half * 0.46) };
}

// The L, relative to the tile: a vertical stroke and a foot, offset a little to the right of
// centre so the threads have room to run out of it.
const L = { x: 0.4, top: 0.27, bottom: 0.71, right: 0.7, w: 0.052 };
const THREADS = [
  { y: 0.42, x0: 0.29, x1: 0.74, w: 0.022, over: true },
  { y: 0.565, x0: 0.29, x1: 0.74, w: 0.022, over: false },
];

function scaleToTile(t, k) {
  // Design coordinates assume half = 0.42; shrink/grow the mark with the tile.
  const s = t.half / 0.42;
  return (u) => 0.5 + (u - 0.5) * s * k;
}

function drawAppIcon(size) {
  const c = canvas(size);
  const t = tile(size);
  const small = size < 128;
  const sc = scaleToTile(t, small ? 1.12 : 1);
  const w = (x) => x * (t.half / 0.42) * (small ? 1.12 : 1);
  const gradient = (u, v) => {
    const g = Math.max(0, Math.min(1, (u + v) / 2));
    return g < 0.5 ? mix(ACCENT_LIGHT, ACCENT, g * 2) : mix(ACCENT, ACCENT_DARK, (g - 0.5) * 2);
  };
  paint(c, t.sd, gradient);

  const lWidth = small ? w(L.w * 1.25) : w(L.w);
  const lShape = (u, v) =>
    Math.min(
      sdSegment(u, v, sc(L.x), sc(L.top), sc(L.x), sc(L.bottom), lWidth),
      sdSegment(u, v, sc(L.x), sc(L.bottom), sc(L.right), sc(L.bottom), lWidth),
    );
  const threadShape = (th, extra = 0) => (u, v) => sdSegment(u, v, sc(th.x0), sc(th.y), sc(th.x1), sc(th.y), w(th.w) + extra);

  if (!small) for (const th of THREADS.filter((x) => !x.over)) paint(c, threadShape(th), () => THREAD);
  paint(c, lShape, () => WHITE);
  if (!small) {
    for (const th of THREADS.filter((x) => x.over)) {
      // A gap the colour of the tile around the thread where it crosses the L, so it reads as
      // passing over it rather than merging with it.
      const gap = w(0.012);
      paint(c, (u, v) => Math.max(threadShape(th, gap)(u, v), lShape(u, v) - gap), gradient);
      paint(c, threadShape(th), () => THREAD);
    }
  }
  return c;
}

/** Monochrome tile with the L cut out: macOS template (black + alpha) or a light variant. */
function drawTrayMono(size, color) {
  const c = canvas(size);
  const half = 0.44;
  const tileSd = (u, v) => sdRoundBox(u, v, 0.5, 0.5, half, half, half * 0.42);
  paint(c, tileSd, () => color);
  const lw = 0.085;
  knockOut(c, (u, v) =>
    Math.min(sdSegment(u, v, 0.42, 0.25, 0.42, 0.72, lw), sdSegment(u, v, 0.42, 0.72, 0.7, 0.72, lw)),
  );
  return c;
}

// Tray states beyond "publishing": paused (the L gives way to pause bars, the tile goes grey
// in colour) and needs attention (an amber dot in the top-right corner, cut free of the tile).
const PAUSED_TILE = hex('#6b7280');
const ATTENTION = hex('#f59e0b');
const sdCircle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
const pauseBars = (u, v) => Math.min(sdSegment(u, v, 0.39, 0.32, 0.39, 0.68, 0.07), sdSegment(u, v, 0.61, 0.32, 0.61, 0.68, 0.07));
const DOT = { cx: 0.76, cy: 0.24, r: 0.2, gap: 0.07 };

function drawTrayPaused(size, mono) {
  const c = canvas(size);
  const half = 0.44;
  paint(c, (u, v) => sdRoundBox(u, v, 0.5, 0.5, half, half, half * 0.42), () => (mono ? [0, 0, 0] : PAUSED_TILE));
  if (mono) knockOut(c, pauseBars);
  else paint(c, pauseBars, () => WHITE);
  return c;
}

function drawTrayAttention(size, mono) {
  const c = mono ? drawTrayMono(size, [0, 0, 0]) : drawAppIcon(size);
  knockOut(c, (u, v) => sdCircle(u, v, DOT.cx, DOT.cy, DOT.r + DOT.gap));
  paint(c, (u, v) => sdCircle(u, v, DOT.cx, DOT.cy, DOT.r), () => (mono ? [0, 0, 0] : ATTENTION));
  return c;
}

// ------------------------------------------------------------------------- encoders
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(c) {
  const { size, data } = c;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      for (let k = 0; k < 3; k++) raw[o + k] = Math.round(Math.max(0, Math.min(255, data[i + k])));
      raw[o + 3] = Math.round(Math.max(0, Math.min(1, data[i + 3])) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
function ico(entries) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  const dir = Buffer.alloc(16 * entries.length);
  let offset = 6 + dir.length;
  entries.forEach(({ size, data }, n) => {
    const o = n * 16;
    dir[o] = size >= 256 ? 0 : size;
    dir[o + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, o + 4); // colour planes
    dir.writeUInt16LE(32, o + 6); // bits per pixel
    dir.writeUInt32LE(data.length, o + 8);
    dir.writeUInt32LE(offset, o + 12);
    offset += data.length;
  });
  return Buffer.concat([header, dir, ...entries.map((e) => e.data)]);
}

/** ICNS with PNG entries, keyed by Apple's OSType for each pixel size/scale. */
function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

// --------------------------------------------------------------------------- output
const write = (rel, buf) => {
  const file = join(OUT, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, buf);
  console.log(`${rel} (${buf.length} bytes)`);
};

const cache = new Map();
const appPng = (size) => {
  if (!cache.has(size)) cache.set(size, png(drawAppIcon(size)));
  return cache.get(size);
};

write('icon.png', appPng(1024));
for (const s of [16, 24, 32, 48, 64, 128, 256, 512]) write(`icons/${s}x${s}.png`, appPng(s));
write('icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: appPng(size) }))));
write(
  'icon.icns',
  icns([
    { type: 'icp4', data: appPng(16) },
    { type: 'icp5', data: appPng(32) },
    { type: 'icp6', data: appPng(64) },
    { type: 'ic07', data: appPng(128) },
    { type: 'ic08', data: appPng(256) },
    { type: 'ic09', data: appPng(512) },
    { type: 'ic10', data: appPng(1024) },
    { type: 'ic11', data: appPng(32) },
    { type: 'ic12', data: appPng(64) },
    { type: 'ic13', data: appPng(256) },
    { type: 'ic14', data: appPng(512) },
  ]),
);

// Tray: colour for Windows and Linux, black template images that macOS tints for the menu bar.
write('tray.png', appPng(16));
write('tray@2x.png', appPng(32));
write('trayTemplate.png', png(drawTrayMono(16, [0, 0, 0])));
write('trayTemplate@2x.png', png(drawTrayMono(32, [0, 0, 0])));
// The same four for each further state the tray shows (electron/main/paths.ts trayIconFile).
for (const [name, draw] of [['Paused', drawTrayPaused], ['Attention', drawTrayAttention]]) {
  write(`tray${name}.png`, png(draw(16, false)));
  write(`tray${name}@2x.png`, png(draw(32, false)));
  write(`tray${name}Template.png`, png(draw(16, true)));
  write(`tray${name}Template@2x.png`, png(draw(32, true)));
}
