import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { ComposeMedia } from './compose.store';
import type { TextRules } from './Counters';
import { FeedPreview } from './preview/FeedPreview';
import { LOOKS } from './preview/looks';
import type { Author } from './preview/parts';
import { SocialPreview } from './preview/SocialPreview';
import { VisualPreview } from './preview/VisualPreview';
import './preview/preview.css';

interface Props {
  platform: Platform;
  text: string;
  account: AccountDto | null;
  rules: TextRules;
  /** The media this platform will get (already left out where it takes none). */
  media?: ComposeMedia[];
  /** Thread parts and the first comment, only where the platform publishes them. */
  thread?: string[];
  firstComment?: string;
  /** How many images the platform takes in one post. */
  maxImages?: number;
}

/**
 * How the post will look on the platform, in the shape of its own post: who posts it, the words,
 * the media with their alt text, the link card, the thread and the first comment, and the count.
 */
export function PostPreview({ platform, text, account, rules, media = [], thread = [], firstComment = '', maxImages = 4 }: Props) {
  const m = rules.measure(platform, text);
  const name = account ? (account.displayName ?? account.handle) : 'You';
  const author: Author = {
    name,
    handle: account ? account.handle : `not connected to ${PLATFORM_NAMES[platform]} yet`,
    initial: name.replace(/^@/, '').slice(0, 1).toUpperCase(),
  };
  const links = platform === 'x' ? rules.extractUrls(text).length : 0;
  const tone = m ? (!m.valid && m.length > 0 ? 'over' : m.length >= m.limit * 0.9 ? 'near' : 'ok') : 'ok';
  const kind = LOOKS[platform].kind;
  const common = { platform, text, author, rules, media };
  return (
    <article className="preview-card pv-card" data-kind={kind} data-testid={`preview-${platform}`} aria-label={`${PLATFORM_NAMES[platform]} preview`}>
      {kind === 'social' ? (
        <SocialPreview {...common} max={maxImages} thread={thread} firstComment={firstComment} />
      ) : kind === 'feed' ? (
        <FeedPreview {...common} max={maxImages} firstComment={firstComment} />
      ) : (
        <VisualPreview {...common} firstComment={firstComment} />
      )}
      <footer className="preview-foot">
        {links > 0 ? (
          <span className="muted" data-testid="preview-x-links">
            {links === 1 ? 'The link counts as 23 characters on X.' : `Each of the ${links} links counts as 23 characters on X.`}
          </span>
        ) : (
          <span />
        )}
        {m ? (
          <span className="counter" data-tone={tone} data-testid={`preview-counter-${platform}`}>
            {m.length}/{m.limit}
          </span>
        ) : null}
      </footer>
    </article>
  );
}
