import type { ComposeMedia } from '../compose.store';
import { Avatar, LinkFor, PostText, type Author, type PreviewProps } from './parts';
import { LOOKS } from './looks';
import { PreviewMedia } from './PreviewMedia';
import type { Platform } from '../../../../../shared/domain/platforms';
import type { TextRules } from '../Counters';

function Post(props: { platform: Platform; author: Author; rules: TextRules; text: string; media: ComposeMedia[]; max: number; label?: string; testId?: string; textTestId?: string; last: boolean }) {
  const { platform, author, rules, text, media, max, label } = props;
  return (
    <div className="pv-post" data-testid={props.testId} {...(label ? { role: 'group', 'aria-label': label } : {})} data-last={props.last ? 'true' : undefined}>
      <div className="pv-rail">
        <Avatar platform={platform} author={author} />
      </div>
      <div className="pv-main">
        <header className="pv-head">
          <span className="preview-name">{author.name}</span>
          <span className="preview-handle muted">
            {author.handle} · {LOOKS[platform].meta}
          </span>
        </header>
        {label ? <span className="pv-label muted">{label}</span> : null}
        <PostText rules={rules} text={text} {...(props.textTestId ? { testId: props.textTestId } : {})} />
        <PreviewMedia media={media} shape="grid" max={max} />
        <LinkFor platform={platform} rules={rules} text={text} hasMedia={media.length > 0} />
      </div>
    </div>
  );
}

/**
 * A timeline post (X, Bluesky, Mastodon, Threads): avatar beside name and handle, the words, a
 * media grid or link card; thread parts follow as replies joined by a line, then the first comment.
 */
export function SocialPreview({ platform, text, author, rules, media, max, thread, firstComment }: PreviewProps & { media: ComposeMedia[]; max: number; thread: string[]; firstComment: string }) {
  const parts = thread.filter((t) => t.trim());
  const comment = firstComment.trim();
  const count = 1 + parts.length + (comment ? 1 : 0);
  return (
    <div className="pv-social">
      <Post platform={platform} author={author} rules={rules} text={text} media={media} max={max} textTestId={`preview-text-${platform}`} last={count === 1} />
      {parts.map((t, i) => (
        <Post key={i} platform={platform} author={author} rules={rules} text={t} media={[]} max={max} label={`Thread, part ${i + 2}`} testId={`preview-part-${platform}-${i}`} last={!comment && i === parts.length - 1} />
      ))}
      {comment ? <Post platform={platform} author={author} rules={rules} text={comment} media={[]} max={max} label="First comment, replying to the post" testId={`preview-comment-${platform}`} last /> : null}
    </div>
  );
}
