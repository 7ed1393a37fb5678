import type { PostDto } from '../../shared/contract';
import type { PostMediaItemDto } from '../../shared/contract/features/media-library';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';
import { png } from './support/media';

const ZONE = 'Europe/Berlin';


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
