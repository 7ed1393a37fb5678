/**
 * The link Loomcast keeps for a post that went out (a copy's or a thread part's): only a web
 * (http or https) link, which the post panel may offer to open. A platform answer can carry
 * something else (a Mastodon `uri` may be a `tag:` name; a broken server anything at all):
 * that is dropped rather than stored and shown as a link.
 */
export function webLink(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length > 4_096 || !/^https?:\/\//i.test(url)) return null;
  return URL.canParse(url) ? url : null;
}
