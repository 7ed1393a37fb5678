import type { Platform } from '../../../../../shared/domain/platforms';
import type { ComposeMedia } from '../compose.store';
import { isImage } from '../mediaRules';
import { LOOKS } from './looks';
import { Avatar, CommentBlock, LinkFor, PostText, type PreviewProps } from './parts';
import { PreviewMedia, type MediaShape } from './PreviewMedia';

const SHAPES: Partial<Record<Platform, MediaShape>> = { instagram: 'square', tiktok: 'tall', youtube: 'wide', pinterest: 'pin' };
const EMPTY: Partial<Record<Platform, string>> = {
  instagram: 'Add an image or a video: Instagram posts start with one.',
  tiktok: 'Add a video: TikTok posts are videos.',
  youtube: 'Add a video: YouTube posts are videos.',
  pinterest: 'Add an image: a pin is its picture.',
};

/** Instagram, TikTok, YouTube and Pinterest lead with the picture or video; the words come under it. */
export function VisualPreview({ platform, text, author, rules, media, firstComment }: PreviewProps & { media: ComposeMedia[]; firstComment: string }) {
  const shape = SHAPES[platform] ?? 'square';
  // Video platforms lead with the video; the others with the first image.
  const lead = LOOKS[platform].kind === 'video' ? [...media.filter((m) => !isImage(m.mime)), ...media.filter((m) => isImage(m.mime))] : media;
  const firstLine = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  const pinTitle = firstLine.length > 100 ? `${firstLine.slice(0, 99)}…` : firstLine;
  const head = (
    <header className="pv-head-row">
      <Avatar platform={platform} author={author} small={shape !== 'square'} />
      <span className="preview-name">{author.name}</span>
    </header>
  );
  return (
    <div className="pv-visual" data-shape={shape}>
      {shape === 'square' ? head : null}
      {lead.length ? (
        <PreviewMedia media={lead} shape={shape} max={shape === 'square' ? 10 : 1} />
      ) : (
        <div className="pv-frame-empty" data-shape={shape} data-testid={`preview-needs-media-${platform}`}>
          {EMPTY[platform]}
        </div>
      )}
      {shape !== 'square' ? head : null}
      {/* A pin's title is its first line, as Loomcast sends it (up to 100 characters). */}
      {platform === 'pinterest' && pinTitle ? <p className="pv-pin-title">{pinTitle}</p> : null}
      <PostText rules={rules} text={text} testId={`preview-text-${platform}`} />
      <LinkFor platform={platform} rules={rules} text={text} hasMedia={media.length > 0} />
      {firstComment.trim() ? <CommentBlock platform={platform} author={author} rules={rules} text={firstComment} /> : null}
    </div>
  );
}
