import { useEffect, useState } from 'react';
import type { PostDto } from '../../../../shared/contract';
import type { PostMediaItemDto } from '../../../../shared/contract/features/media-library';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { PlatformMark } from '../../ui/PlatformMark';
import { useThumbnail } from '../compose/preview/useThumbnail';
import './post-contents.css';

/** The post's media, asked again when its version changes (media are saved beside the words). */
function usePostMedia(postId: string, version: number): PostMediaItemDto[] | 'failed' | null {
  const [items, setItems] = useState<PostMediaItemDto[] | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('media:forPost', { postId })
      .then((list) => live && setItems(list))
      .catch(() => live && setItems('failed'));
    return () => {
      live = false;
    };
  }, [postId, version]);
  return items;
}

function MediaThumb({ item, n }: { item: PostMediaItemDto; n: number }) {
  const url = useThumbnail(item.hash, item.mime);
  const video = item.mime.startsWith('video/');
  return (
    <li className="panel-media-item" data-testid="post-panel-media">
      {url ? <img src={url} alt={item.altText ?? ''} /> : <span className="panel-media-blank" aria-hidden="true">{video ? '▶' : ''}</span>}
      <p className="panel-media-alt">
        {video ? `Video ${n}` : `Image ${n}`}
        {item.altText ? <span data-testid="post-panel-media-alt">: {item.altText}</span> : video ? null : <span className="muted">: no alt text</span>}
      </p>
    </li>
  );
}

/**
 * Everything a post will publish beyond its main words: its media (with their alt text), the
 * platforms that get their own text, the later parts of a thread and the first comment.
 */
export function PostContents({ post }: { post: PostDto }) {
  const media = usePostMedia(post.id, post.version);
  const own = post.targets.filter((t) => t.textOverride !== null);
  return (
    <>
      {media === 'failed' ? <p className="muted">Its media could not be read.</p> : null}
      {Array.isArray(media) && media.length > 0 ? (
        <ul className="panel-media" aria-label="Media">
          {media.map((m, i) => (
            <MediaThumb key={m.hash} item={m} n={i + 1} />
          ))}
        </ul>
      ) : null}
      {own.length > 0 ? (
        <div className="panel-own" data-testid="post-panel-own-texts">
          {own.map((t) => (
            <div key={t.id} className="panel-own-text" data-testid={`post-panel-own-${t.platform}`}>
              <p className="panel-own-label">
                <PlatformMark platform={t.platform} /> Own text for {PLATFORM_NAMES[t.platform]}
              </p>
              <p className="panel-text">{t.textOverride}</p>
            </div>
          ))}
        </div>
      ) : null}
      {post.thread.length > 0 ? (
        <ol className="panel-thread" aria-label="Later parts of the thread" start={2} data-testid="post-panel-thread">
          {post.thread.map((part, i) => (
            <li key={i} className="panel-text">
              {part}
            </li>
          ))}
        </ol>
      ) : null}
      {post.firstComment ? (
        <div className="panel-own-text" data-testid="post-panel-first-comment">
          <p className="panel-own-label">First comment</p>
          <p className="panel-text">{post.firstComment}</p>
        </div>
      ) : null}
    </>
  );
}
