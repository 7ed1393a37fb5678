import { describe, expect, it } from 'vitest';
import { applyUtm, utmFor } from '../../shared/domain/utm';

const P = { source: 'x', medium: 'social', campaign: 'spring-launch' };

describe('applyUtm', () => {
  it('adds the parameters to a bare link, giving the host its slash', () => {
    expect(applyUtm('New: https://example.com', P)).toBe('New: https://example.com/?utm_source=x&utm_medium=social&utm_campaign=spring-launch');
  });

  it('keeps parameters the link already has, and never overrides an existing utm value', () => {
    expect(applyUtm('https://shop.test/p?id=7&utm_source=newsletter', P)).toBe('https://shop.test/p?id=7&utm_source=newsletter&utm_medium=social&utm_campaign=spring-launch');
    expect(applyUtm('https://shop.test/p?UTM_MEDIUM=email', { medium: 'social' })).toBe('https://shop.test/p?UTM_MEDIUM=email');
  });

  it('keeps the fragment after the query', () => {
    expect(applyUtm('Read https://blog.test/post?a=1#part-2 today', P)).toBe('Read https://blog.test/post?a=1&utm_source=x&utm_medium=social&utm_campaign=spring-launch#part-2 today');
  });

  it('tags every link and leaves the words around them and sentence punctuation alone', () => {
    const text = 'One https://a.test/x, two (https://b.test/y) and three: http://c.test.\nDone!';
    expect(applyUtm(text, { source: 'bluesky' })).toBe(
      'One https://a.test/x?utm_source=bluesky, two (https://b.test/y?utm_source=bluesky) and three: http://c.test/?utm_source=bluesky.\nDone!',
    );
  });

  it('keeps a parenthesis that belongs to the link', () => {
    expect(applyUtm('https://en.wikipedia.org/wiki/Loom_(weaving)', { source: 'x' })).toBe('https://en.wikipedia.org/wiki/Loom_(weaving)?utm_source=x');
  });

  it('does not touch non-http links or text that only looks like one', () => {
    const text = 'Mail mailto:hi@loomcast.test, ftp://files.test/a, www.example.com and xhttps://nope.test';
    expect(applyUtm(text, P)).toBe(text);
  });

  it('percent-encodes values and recognises encoded existing names', () => {
    expect(applyUtm('https://a.test/', { campaign: 'spring sale & more', term: 'café' })).toBe('https://a.test/?utm_campaign=spring%20sale%20%26%20more&utm_term=caf%C3%A9');
    expect(applyUtm('https://a.test/?utm%5Fcampaign=old', { campaign: 'new' })).toBe('https://a.test/?utm%5Fcampaign=old');
  });

  it('leaves the text unchanged when there is nothing to add', () => {
    expect(applyUtm('https://a.test/', {})).toBe('https://a.test/');
    expect(applyUtm('no links here', P)).toBe('no links here');
  });
});

describe('utmFor', () => {
  it('uses the platform id as the source unless the campaign sets one, and drops empty values', () => {
    expect(utmFor({ medium: 'social', campaign: 'launch', term: ' ' }, 'linkedin')).toEqual({ source: 'linkedin', medium: 'social', campaign: 'launch' });
    expect(utmFor({ source: 'loomcast', content: 'hero' }, 'x')).toEqual({ source: 'loomcast', content: 'hero' });
  });
});
