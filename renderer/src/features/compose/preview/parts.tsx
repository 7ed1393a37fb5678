import type { ReactNode } from 'react';
import { PLATFORM_NAMES, type Platform } from '../../../../../shared/domain/platforms';
import type { TextRules } from '../Counters';
import { LinkCard } from './LinkCard';
import { useLinkCard } from './linkCards';
import { LOOKS } from './looks';
import { platformAvatarStyle } from '../../../ui/platform-avatar';
import { highlighted } from './text';

/** Who the post comes from, as the preview shows it. */
export interface Author {
  name: string;
  handle: string;
  initial: string;
}

/** What every platform's preview gets. */
export interface PreviewProps {
  platform: Platform;
  text: string;
  author: Author;
  rules: TextRules;
  children?: ReactNode;
}

export function Avatar({ platform, author, small }: { platform: Platform; author: Author; small?: boolean }) {
  return (
    <span className={small ? 'preview-avatar pv-avatar-small' : 'preview-avatar'} style={platformAvatarStyle(platform)} aria-hidden="true">
      {author.initial}
    </span>
  );
}

/** The post's words with links, tags and mentions marked; `testId` only on the main post's. */
export function PostText({ rules, text, testId, className = 'preview-text' }: { rules: TextRules; text: string; testId?: string; className?: string }) {
  return (
    <p className={className} data-testid={testId}>
      {text.trim() ? highlighted(rules, text) : <span className="muted">Nothing written yet.</span>}
    </p>
  );
}

/**
 * The link card a platform would build for the first link in `text`, when it builds them. A post
 * with media gets no card there (the platforms show the media instead), so none is fetched.
 */
export function LinkFor({ platform, rules, text, hasMedia }: { platform: Platform; rules: TextRules; text: string; hasMedia: boolean }) {
  const look = LOOKS[platform];
  const link = rules.firstLink(text);
  const wanted = look.linkCard && link !== null && !hasMedia;
  const state = useLinkCard(wanted ? link : null);
  if (!link) return null;
  if (look.deadLinkNote) return <p className="pv-note" data-testid="preview-link-dead">{look.deadLinkNote}</p>;
  if (!look.linkCard) return null;
  if (hasMedia) {
    return (
      <p className="pv-note" data-testid="preview-link-media-note">
        With media attached, {PLATFORM_NAMES[platform]} shows the media instead of a link card.
      </p>
    );
  }
  return <LinkCard url={link} state={state} variant={look.kind === 'feed' ? 'feed' : 'social'} smallUnlessAsked={platform === 'x'} />;
}

/** The first comment, as a comment under a feed post or a photo. */
export function CommentBlock({ platform, author, rules, text }: { platform: Platform; author: Author; rules: TextRules; text: string }) {
  return (
    <div className="pv-comment" data-testid={`preview-comment-${platform}`} role="group" aria-label="First comment">
      <Avatar platform={platform} author={author} small />
      <div className="pv-comment-bubble">
        <span className="preview-name">{author.name}</span>
        <PostText rules={rules} text={text} className="pv-comment-text" />
      </div>
    </div>
  );
}
