import type { PostDto } from '../../shared/contract';
import type { PostMediaItemDto } from '../../shared/contract/features/media-library';
import type { Page } from '@playwright/test';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test as mastodonTest } from './support/mastodon';
import { MP4, png, STUDIO_JPEG } from './support/media';
import { mp4 } from '../support/mp4';

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
  await expect(page.getByTestId('compose-media-alt-0-error')).toContainText('Bluesky expects a description of every image');
  await expect(page.getByTestId('compose-media-alt-0')).toBeFocused();
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

/** A real width×height JPEG, encoded by the page's own canvas. */
async function jpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ({ w, h }) => {
      // Runs in the page; the Node typings these specs compile with have no DOM.
      const doc = (globalThis as unknown as { document: { createElement(tag: 'canvas'): { width: number; height: number; getContext(k: '2d'): { fillStyle: string; fillRect(...a: number[]): void }; toDataURL(type: string): string } } }).document;
      const canvas = doc.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#4060a0';
      ctx.fillRect(0, 0, w, h);
      return canvas.toDataURL('image/jpeg');
    },
    { w: width, h: height },
  );
  return Buffer.from(dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
}

test('media a chosen platform would refuse are said as soon as they are added, in the core\'s words, and Schedule waits', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'The new studio, from above.', platforms: ['instagram', 'x'], date: dayFromToday(ZONE, 2), time: '10:00' });
  const schedule = page.getByTestId('compose-schedule');
  const refusals = page.getByTestId('compose-media-refusal');
  const reason = page.getByTestId('compose-schedule-reason');

  // A PNG: Instagram takes JPEG only. Said under the media, and under Schedule, which waits.
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'studio.png', mimeType: 'image/png', buffer: png(40, 30, [64, 96, 160]) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  const pngRefused = 'Instagram takes JPEG photos only; image 1 is PNG. Convert it to JPEG, or take Instagram off this post.';
  await expect(refusals).toHaveText([pngRefused]);
  await expect(schedule).toBeDisabled();
  await expect(reason).toHaveText(`Schedule, Post now, Send for review and Add to queue: ${pngRefused}`);
  await expect(schedule).toHaveAttribute('aria-describedby', 'compose-schedule-reason');

  // A JPEG too tall for Instagram: its size came with the upload.
  await page.getByTestId('compose-media-remove-0').click();
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'tower.jpg', mimeType: 'image/jpeg', buffer: await jpeg(page, 30, 60) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(refusals).toHaveText(['Instagram takes photos between 4:5 (portrait) and 1.91:1 (landscape); image 1 is 30×60. Crop it to fit.']);
  await expect(schedule).toBeDisabled();

  // A photo that fits, then a video beside it: X takes a video alone.
  await page.getByTestId('compose-media-remove-0').click();
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'studio.jpg', mimeType: 'image/jpeg', buffer: STUDIO_JPEG });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(refusals).toHaveCount(0);
  await expect(reason).toHaveCount(0);
  await expect(schedule).toBeEnabled();
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: MP4 });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(2);
  const videoAlone = 'An X post takes one video on its own, without photos or a second video. Keep one video, or split the post.';
  await expect(refusals).toHaveText([videoAlone]);
  await expect(reason).toHaveText(`Schedule, Post now, Send for review and Add to queue: ${videoAlone}`);
  await expect(schedule).toBeDisabled();

  // Taking X off the post lifts it; the post schedules with the photo and the video for Instagram.
  await page.getByTestId('compose-platform-x').click();
  await expect(refusals).toHaveCount(0);
  await expect(schedule).toBeEnabled();
  await page.getByTestId('compose-media-alt-0').fill('A blue studio wall');
  await schedule.click();
  await expect(page.getByTestId('post-panel')).toBeVisible();
});

test('a video longer than a chosen platform takes is said as soon as it is added, with its length read from the file', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'The whole rehearsal, start to finish.', platforms: ['threads', 'linkedin'], date: dayFromToday(ZONE, 2), time: '19:00' });
  const schedule = page.getByTestId('compose-schedule');
  const refusals = page.getByTestId('compose-media-refusal');

  // 6 min 12 s, filmed upright on a phone (stored landscape, turned a quarter): Threads takes 5 minutes, LinkedIn 30.
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'rehearsal.mp4', mimeType: 'video/mp4', buffer: mp4({ seconds: 372, width: 1920, height: 1080, rotation: 90 }) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  const tooLong = 'Threads takes videos up to 5 minutes; video 1 is 6 min 12 s. Trim it, or take Threads off this post.';
  await expect(refusals).toHaveText([tooLong]);
  await expect(schedule).toBeDisabled();
  await expect(page.getByTestId('compose-schedule-reason')).toHaveText(`Schedule, Post now, Send for review and Add to queue: ${tooLong}`);

  // A trimmed cut of 4 min 50 s goes to both.
  await page.getByTestId('compose-media-remove-0').click();
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'trimmed.mp4', mimeType: 'video/mp4', buffer: mp4({ seconds: 290, width: 1920, height: 1080, rotation: 90 }) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(refusals).toHaveCount(0);
  await expect(schedule).toBeEnabled();
  await schedule.click();
  await expect(page.getByTestId('post-panel')).toBeVisible();
  const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
  const media = await rpc<PostMediaItemDto[]>(host, 'media:forPost', { postId: post!.id });
  expect(media.map((m) => [m.mime, m.durationMs, m.width, m.height])).toEqual([['video/mp4', 290_000, 1080, 1920]]);
});

test('a video wider than a chosen platform takes is said as soon as it is added, with its size read from the file', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'The whole stage, end to end.', platforms: ['x', 'linkedin'], date: dayFromToday(ZONE, 2), time: '19:00' });
  const refusals = page.getByTestId('compose-media-refusal');

  // A panorama, 1920×500 (3.84:1): wider than X (3:1) and LinkedIn (2.4:1) take.
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'stage.mp4', mimeType: 'video/mp4', buffer: mp4({ seconds: 40, width: 1920, height: 500 }) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(refusals).toHaveText([
    'X takes videos between 1:3 (tall) and 3:1 (wide); video 1 is 1920×500. Crop it to fit, or take X off this post.',
    'LinkedIn takes videos between 1:2.4 (tall) and 2.4:1 (wide); video 1 is 1920×500. Crop it to fit, or take LinkedIn off this post.',
  ]);
  await expect(page.getByTestId('compose-schedule')).toBeDisabled();

  // The same stage cut to 16:9 goes to both.
  await page.getByTestId('compose-media-remove-0').click();
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'stage-16x9.mp4', mimeType: 'video/mp4', buffer: mp4({ seconds: 40, width: 1920, height: 1080 }) });
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  await expect(refusals).toHaveCount(0);
  await expect(page.getByTestId('compose-schedule')).toBeEnabled();
});

test('media already on a post carry their size when it opens: a photo too tall for Instagram is said at once', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host);
  const tall = await jpeg(page, 30, 60);
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'The tower, top to bottom.', platforms: ['instagram'], schedule: null });
  const image = await rpc<{ hash: string }>(host, 'media:upload', { name: 'tower.jpg', mime: 'image/jpeg', dataBase64: tall.toString('base64') });
  await rpc(host, 'media:setForPost', { postId: post.id, items: [{ hash: image.hash, altText: 'A narrow brick tower' }] });

  await openApp(host, `#/compose/${post.id}`);
  await expect(page.getByTestId('compose-media-item')).toHaveCount(1);
  const refused = 'Instagram takes photos between 4:5 (portrait) and 1.91:1 (landscape); image 1 is 30×60. Crop it to fit.';
  await expect(page.getByTestId('compose-media-refusal')).toHaveText([refused]);
  await expect(page.getByTestId('compose-schedule')).toBeDisabled();
  await expect(page.getByTestId('compose-schedule-reason')).toHaveText(`Save and schedule, Post now, Send for review and Add to queue: ${refused}`);
  // A draft can still be saved as it is.
  await expect(page.getByTestId('compose-save-draft')).toBeEnabled();
});

mastodonTest('as many media as the chosen platforms take; media a platform refuses hold back every send action, never Save draft', async ({ page, host, openApp, mastodon }) => {
  mastodonTest.setTimeout(90_000);
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: true });
  const { id: accountId } = await connectMastodon(page, host, mastodon);
  await rpc(host, 'queue:setSlots', { accountId, slots: [{ weekday: 3, time: '09:00' }] });
  await openApp(host);
  await page.getByTestId('new-post').click();
  await fillComposer(page, { text: 'Five colours from the dye pots.', platforms: ['mastodon'], date: dayFromToday(ZONE, 2), time: '11:00' });
  const sends = ['compose-schedule', 'compose-post-now', 'compose-send-review', 'compose-add-to-queue'].map((id) => page.getByTestId(id));
  for (const b of sends) await expect(b).toBeEnabled();

  const colours: [number, number, number][] = [[200, 40, 40], [40, 200, 40], [40, 40, 200], [200, 200, 40], [40, 200, 200]];
  const files = colours.map((rgb, i) => ({ name: `dye-${i + 1}.png`, mimeType: 'image/png', buffer: png(8, 8, rgb) }));
  const items = page.getByTestId('compose-media-item');
  const add = page.getByTestId('compose-media-add');

  // Mastodon alone takes 4: the fifth is left out, and Add media waits.
  await page.getByTestId('compose-media-input').setInputFiles(files);
  await expect(items).toHaveCount(4);
  await expect(page.getByTestId('compose-media-problem')).toHaveText('Mastodon takes at most 4 media files in one post; the rest were left out.');
  await expect(add).toBeDisabled();
  for (const b of sends) await expect(b).toBeEnabled();

  // With Threads chosen too, the post may hold 20: the fifth goes in, and Mastodon refuses it, in its words.
  await page.getByTestId('compose-platform-threads').click();
  await expect(add).toBeEnabled();
  await page.getByTestId('compose-media-input').setInputFiles(files.slice(4));
  await expect(items).toHaveCount(5);
  const tooMany = 'Mastodon takes at most 4 images; this post has 5.';
  await expect(page.getByTestId('compose-media-refusal')).toHaveText([tooMany]);
  const reason = page.getByTestId('compose-schedule-reason');
  await expect(reason).toHaveText(`Schedule, Post now, Send for review and Add to queue: ${tooMany}`);
  for (const b of sends) {
    await expect(b).toBeDisabled();
    await expect(b).toHaveAttribute('aria-describedby', /(^| )compose-schedule-reason$/);
  }
  await expect(page.getByTestId('compose-now-reason')).toHaveCount(0);
  await expect(page.getByTestId('compose-queue-reason')).toHaveCount(0);

  // Back to Mastodon alone, with a video beside three photos: a Mastodon video goes alone.
  await page.getByTestId('compose-platform-threads').click();
  await page.getByTestId('compose-media-remove-4').click();
  await page.getByTestId('compose-media-remove-3').click();
  await expect(items).toHaveCount(3);
  for (const b of sends) await expect(b).toBeEnabled();
  await expect(reason).toHaveCount(0);
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'stir.mp4', mimeType: 'video/mp4', buffer: MP4 });
  await expect(items).toHaveCount(4);
  const videoAlone = 'A Mastodon post takes one video on its own, without photos or a second video. Keep one video, or split the post.';
  await expect(reason).toHaveText(`Schedule, Post now, Send for review and Add to queue: ${videoAlone}`);
  for (const b of sends) await expect(b).toBeDisabled();

  // Clicking a disabled action sends nothing; the draft is still saved as it is.
  await page.getByTestId('compose-post-now').click({ force: true });
  await expect(page.getByTestId('compose-now-confirm')).toHaveCount(0);
  const draft = page.getByTestId('compose-save-draft');
  await expect(draft).toBeEnabled();
  await draft.click();
  await expect(page.getByTestId('post-panel')).toBeVisible();
  const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' });
  expect(post!.targets.map((t) => t.state)).toEqual(['draft']);
  expect(await rpc<PostMediaItemDto[]>(host, 'media:forPost', { postId: post!.id })).toHaveLength(4);
});
