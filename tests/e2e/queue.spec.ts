import { DateTime } from 'luxon';
import { nextFreeSlots } from '../../electron/core/features/posting-times/weekly-slots';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import { needKeychain } from './support/keychain';

const ZONE = 'Europe/Berlin';

test.describe('posting times', () => {
  test('a person sets two weekly posting times for an account and sees the next free times, which a queued post then takes', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await needKeychain(host, 'Connecting a Mastodon account');
    await rpc(host, 'settings:update', { timeZone: ZONE });

    // Connect a Mastodon account the way the app does: the instance's consent page, then back.
    const account = await connectMastodon(page, host, mastodon);

    // Accounts → the card → Posting times.
    await openApp(host, '#/accounts');
    const card = page.getByTestId('account-card').filter({ hasText: account.handle });
    await expect(card).toContainText('Nothing waiting to go out');
    await expect(card.getByRole('group', { name: `${account.displayName ?? account.handle} on Mastodon` }).getByRole('button', { name: 'Disconnect' })).toBeVisible();
    const toggle = card.getByTestId('account-posting-times');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = card.getByTestId('posting-times');
    await expect(panel.getByTestId('slots-empty')).toContainText('No posting times yet');
    await expect(panel.getByTestId('next-free-empty')).toBeVisible();
    await expect(panel.getByTestId('posting-times-zone-name')).toHaveText(ZONE);

    // Monday 09:00 with the mouse…
    await panel.getByTestId('slot-weekday').selectOption({ label: 'Monday' });
    await panel.getByTestId('slot-time').fill('09:00');
    await panel.getByTestId('slot-add').click();
    await expect(panel.getByTestId('slot')).toHaveCount(1);
    // …and Thursday 17:30 with the keyboard: the day picker, the time, Enter. A time that isn't
    // one is said beside the field with an example in the creator's clock, and nothing is added.
    await panel.getByTestId('slot-weekday').focus();
    await panel.getByTestId('slot-weekday').selectOption({ label: 'Thursday' });
    const time = panel.getByTestId('slot-time');
    await time.fill('25:30');
    await time.press('Enter');
    await expect(panel.getByRole('alert')).toHaveText('“25:30” isn’t a time Loomcast can read. Type one like 14:30.');
    await expect(time).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByTestId('slot')).toHaveCount(1);
    // Typed the 12-hour way, it reads as this creator reads times (24-hour, in the UK).
    await time.fill('5:30 pm');
    await expect(time).not.toHaveAttribute('aria-invalid', 'true');
    await time.press('Enter');
    await expect(panel.getByTestId('slot')).toHaveCount(2);
    await expect(panel.getByTestId('slot-day')).toHaveText([/Monday\s*09:00/, /Thursday\s*17:30/]);
    await expect(time).toHaveValue('17:30');
    await expect(time).toBeFocused();

    // The next five free times, in Berlin time with the zone named, as the core's rule says.
    const slots = [
      { weekday: 1, time: '09:00' },
      { weekday: 4, time: '17:30' },
    ];
    const expected = nextFreeSlots(slots, ZONE, Date.now(), 6).map((s) => new Date(s.epochMs).toISOString());
    const items = panel.getByTestId('next-free-item');
    await expect(items).toHaveCount(5);
    await expect.poll(async () => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-at')))).toEqual(expected.slice(0, 5));
    const first = DateTime.fromISO(expected[0]!, { zone: ZONE });
    await expect(items.first()).toContainText(first.toFormat('ccc d LLL, HH:mm'));
    // The offset of that very day (UTC+1 in winter, UTC+2 in summer) sits beside each time.
    await expect(items.first()).toContainText(`UTC${first.toFormat('Z')}`);
    await expect(panel.locator('.queue-next h4')).toContainText(`in ${ZONE}`);
    expect(await rpc(host, 'queue:slots', { accountId: account.id })).toEqual({ accountId: account.id, zone: ZONE, ownZone: null, slots });

    // A post added to the queue takes the first free time; the list moves on by itself (pushed).
    const post = await rpc<{ id: string }>(host, 'posts:create', { text: 'Weekly tip: batch your captions on Sunday.', platforms: ['mastodon'], schedule: null });
    const queued = await rpc<{ slot: { at: string } }>(host, 'queue:add', { postId: post.id, accountId: account.id });
    expect(queued.slot.at).toBe(expected[0]);
    await expect.poll(async () => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-at')))).toEqual(expected.slice(1, 6));

    // Removing Monday 09:00 from the keyboard leaves Thursdays only.
    await panel.getByRole('button', { name: 'Remove Monday 09:00' }).focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('slot')).toHaveCount(1);
    await expect(panel.getByTestId('slot')).toHaveAttribute('data-slot', '4 17:30');
    const shown = async () => (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-at')!))).map((at) => DateTime.fromISO(at, { zone: ZONE }).toFormat('c HH:mm'));
    await expect.poll(shown).toEqual(Array(5).fill('4 17:30'));

    // Escape closes the panel and puts focus back on its button; the times are kept.
    await panel.getByTestId('slot-time').focus();
    await page.keyboard.press('Escape');
    await expect(card.getByTestId('posting-times')).toHaveCount(0);
    await expect(toggle).toBeFocused();
    await openApp(host, '#/accounts');
    await page.getByTestId('account-card').filter({ hasText: account.handle }).getByTestId('account-posting-times').click();
    await expect(page.getByTestId('slot')).toHaveAttribute('data-slot', '4 17:30');
  });
});
