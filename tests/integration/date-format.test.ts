import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin): 09:59 there has passed.
const late = { text: 'late', platforms: ['x'], schedule: { date: '2026-11-23', time: '09:59' } };

async function refusal(t: TestCore): Promise<string> {
  const r = await t.core.dispatch('posts:create', late);
  return r.ok ? '' : r.error.message;
}

describe('the core writes dates and times as the creator’s window does', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('starts in the locale it was given, learns the window’s, and follows the Time format setting', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin', locale: 'en-GB' });
    expect(await refusal(t)).toMatch(/^Mon 23 Nov 2026, 09:59 \S+ has already passed/);

    // The window reports its locale at start.
    const us = await call<SettingsDto>(t.core, 'settings:update', { locale: 'en-US' });
    expect(us).toMatchObject({ locale: 'en-US', timeFormat: 'system' });
    expect(await refusal(t)).toMatch(/^Mon, Nov 23, 2026, 9:59 AM \S+ has already passed/);

    // A creator whose clock is set apart from their locale.
    await call(t.core, 'settings:update', { timeFormat: 'h23' });
    expect(await refusal(t)).toMatch(/^Mon, Nov 23, 2026, 09:59 \S+ has already passed/);

    // Kept across a restart.
    t = await t.restart();
    expect(await call<SettingsDto>(t.core, 'settings:get', {})).toMatchObject({ locale: 'en-US', timeFormat: 'h23' });
    expect(await refusal(t)).toMatch(/09:59 \S+ has already passed/);
  });

  it('refuses a locale that is not a language tag, and an unknown time format, with a typed error', async () => {
    t = await createTestCore();
    const bad = await t.core.dispatch('settings:update', { locale: 'not a locale' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const format = await t.core.dispatch('settings:update', { timeFormat: '24h' });
    expect(format).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call<SettingsDto>(t.core, 'settings:get', {})).toMatchObject({ locale: 'en-GB', timeFormat: 'system' });
  });
});
