// Instagram's caption rules for hashtags. Instagram is not X: it makes a tag of every '#' that a
// letter, digit or underscore follows, whatever comes before it, so "#love#instagood" is two tags
// and "#2024" is one (twitter-text finds neither), and its 30-tag limit counts them all.

const HASHTAG_START = /[#\uFF03][\p{L}\p{N}_]/gu;

/** How many hashtags Instagram finds in a caption (each written tag, repeats included). Linear time. */
export function countInstagramHashtags(text: string): number {
  return text.match(HASHTAG_START)?.length ?? 0;
}
