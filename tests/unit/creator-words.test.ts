import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGET_BANDS } from '../../electron/core/analytics/engagement';
import { privacyNotice } from '../../electron/core/platforms/tiktok/attempt';

// The app speaks to the creator as "you", never of "the creator" (docs: ui.md).
describe('words the core shows speak to the creator', () => {
  it('says the default target bands come from your plan', () => {
    const sources = Object.values(DEFAULT_TARGET_BANDS).map((b) => b.source);
    expect(sources.filter((s) => s === 'your plan')).toHaveLength(4);
    expect(sources.join(' ')).not.toMatch(/creator/i);
  });

  it('says a private TikTok post is one only you can see', () => {
    expect(privacyNotice('SELF_ONLY')).toMatch(/published as private \(only you can see it\)\.$/);
  });
});
