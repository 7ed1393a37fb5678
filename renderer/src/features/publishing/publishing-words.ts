import type { BlockedPostsDto } from '../../../../shared/contract/features/publishing';
import { blockedWords as words } from '../../../../shared/domain/publishing-words';
import { count } from '../../lib/numbers';

// The words live in shared/domain/publishing-words.ts, shared with the tray and `loomcast status`.
export { canPost, fixWords, nothingCanPostWords } from '../../../../shared/domain/publishing-words';

/** "2 Mastodon posts can’t go out: no account connected", the count in this window's locale. */
export const blockedWords = (b: BlockedPostsDto): string => words(b, count);
