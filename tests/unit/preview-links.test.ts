/** Which link in a post gets the preview's link card: the first one, as the platforms pick it. */
import { describe, expect, it } from 'vitest';
import { firstLink } from '../../shared/text-rules';

describe('the link a preview asks a card for', () => {
  it('is the first link in the text, with https:// added where it was left out', () => {
    expect(firstLink('Read example.com/guide then https://other.org/x')).toBe('https://example.com/guide');
    expect(firstLink('Out now: https://example.com/spring?via=loomcast.')).toBe('https://example.com/spring?via=loomcast');
  });

  it('counts an address with its scheme even where the counting rules know no such host', () => {
    expect(firstLink('Local copy (http://127.0.0.1:8080/guide), and example.com later')).toBe('http://127.0.0.1:8080/guide');
    expect(firstLink('See example.com first, then http://intranet/wiki')).toBe('https://example.com');
  });

  it('is none without a link: nothing is fetched', () => {
    expect(firstLink('No link here, just #gardening and @friend')).toBeNull();
  });
});
