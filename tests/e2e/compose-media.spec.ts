import { deflateSync } from 'node:zlib';
import type { PostDto } from '../../shared/contract';
import type { PostMediaItemDto } from '../../shared/contract/features/media-library';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real width×height PNG of one colour (8-bit RGB). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(new Array(width).fill(rgb).flat())]);
  const raw = Buffer.concat(new Array(height).fill(row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('an image with alt text, required for Bluesky, scheduled and opened again', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'The seedlings are up.', platforms: ['bluesky'], date: dayFromToday(ZONE, 2), time: '09:30' });

  await page.getByTestId('compose-media-input').setInputFiles({ name: 'seedlings.png', mimeType: 'image/png', buffer: png(12, 8, [40, 160, 60]) });
  const item = page.getByTestId('compose-media-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('compose-media-thumb')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(page.getByTestId('compose-media-notes')).toContainText('Alt text is required for Bluesky before scheduling.');

  // Without a description Bluesky's post waits: the composer says why and saves nothing.
  await page.getByTestId('compose-schedule').click();
  await expect(page.getByTestId('compose-problem')).toContainText('Bluesky expects a description of every image');
  expect(await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' })).toEqual([]);

  const alt = 'A tray of green seedlings on a windowsill';
  await page.getByTestId('compose-media-alt-0').fill(alt);
  await expect(page.getByTestId('compose-media-alt-count-0')).toHaveText(`${alt.length}/1500`);
  await expect(page.getByTestId('compose-media-notes')).toHaveCount(0);
  await page.getByTestId('compose-schedule').click();
  const panel = page.getByTestId('post-panel');
  await expect(panel.getByTestId('post-panel-text')).toHaveText('The seedlings are up.');

  const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
  const media = await rpc<PostMediaItemDto[]>(host, 'media:forPost', { postId: post!.id });
  expect(media.map((m) => [m.mime, m.width, m.height, m.altText])).toEqual([['image/png', 12, 8, alt]]);

  // Opening it again shows the image and its description.
  await panel.getByTestId('post-edit').click();
  await expect(page.getByTestId('compose-text')).toHaveValue('The seedlings are up.');
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(page.getByTestId('compose-media-alt-0')).toHaveValue(alt);
  await expect(page.getByTestId('compose-media-thumb')).toHaveAttribute('alt', alt);
});

test('dropped images for Mastodon and X: notes per platform, remove one, and change alt text when editing', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'Before and after the pruning.', platforms: ['mastodon', 'x'], date: dayFromToday(ZONE, 3), time: '18:00' });

  const files = [
    { name: 'before.png', bytes: [...png(4, 4, [200, 60, 40])] },
    { name: 'after.png', bytes: [...png(6, 4, [40, 60, 200])] },
  ];
  const dataTransfer = await page.evaluateHandle((list) => {
    // Runs in the page; the Node typings these specs compile with have no DataTransfer.
    const { DataTransfer: Dt } = globalThis as unknown as { DataTransfer: new () => { items: { add(f: File): void } } };
    const dt = new Dt();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'image/png' }));
    return dt;
  }, files);
  await page.getByTestId('compose-media-drop').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(2);
  const notes = page.getByTestId('compose-media-notes');
  await expect(notes).toContainText('Alt text is required for Mastodon before scheduling.');
  await expect(notes).toContainText('Alt text is recommended on X.');

  await page.getByTestId('compose-media-remove-0').click();
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await page.getByTestId('compose-media-alt-0').fill('The hedge after pruning');
  await page.getByTestId('compose-schedule').click();
  const panel = page.getByTestId('post-panel');
  await expect(panel.getByTestId('post-panel-text')).toHaveText('Before and after the pruning.');

  await panel.getByTestId('post-edit').click();
  await expect(page.getByTestId('compose-media-alt-0')).toHaveValue('The hedge after pruning');
  await page.getByTestId('compose-media-alt-0').fill('A neatly pruned hedge, in blue light');
  await page.getByTestId('compose-schedule').click();
  await expect(page.getByTestId('post-panel')).toBeVisible();

  const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
  const media = await rpc<PostMediaItemDto[]>(host, 'media:forPost', { postId: post!.id });
  expect(media.map((m) => [m.width, m.height, m.altText])).toEqual([[6, 4, 'A neatly pruned hedge, in blue light']]);
});
