import type { ComposeMedia } from '../compose.store';
import { LOOKS } from './looks';
import { Avatar, CommentBlock, LinkFor, PostText, type PreviewProps } from './parts';
import { PreviewMedia } from './PreviewMedia';

/** A feed update (LinkedIn, Facebook): name over "Now · Public", the words, media or the link card edge to edge, the first comment below. */
export function FeedPreview({ platform, text, author, rules, media, max, firstComment }: PreviewProps & { media: ComposeMedia[]; max: number; firstComment: string }) {
  return (
    <div className="pv-feed">
      <header className="pv-head-row">
        <Avatar platform={platform} author={author} />
        <span className="preview-who">
          <span className="preview-name">{author.name}</span>
          <span className="preview-handle muted">{LOOKS[platform].meta}</span>
        </span>
      </header>
      <PostText rules={rules} text={text} testId={`preview-text-${platform}`} />
      <div className="pv-bleed">
        <PreviewMedia media={media} shape="grid" max={max} />
        <LinkFor platform={platform} rules={rules} text={text} hasMedia={media.length > 0} />
      </div>
      <div className="pv-actions" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>{platform === 'linkedin' ? 'Repost' : 'Share'}</span>
      </div>
      {firstComment.trim() ? <CommentBlock platform={platform} author={author} rules={rules} text={firstComment} /> : null}
    </div>
  );
}
