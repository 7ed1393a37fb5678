import { useEffect, useState } from 'react';
import type { ChannelOutput, PostDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { clockTime } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import './part-progress.css';

export type ThreadParts = ChannelOutput<'publishing:threadParts'>;
type Part = ThreadParts[number]['parts'][number];

/** How often an open panel looks again while a part is still on its way (parts move without the post changing). */
const UNSETTLED_LOOK_MS = 3_000;

const stopped = (p: Part) => p.state === 'failed' || p.state === 'unconfirmed';
const settled = (p: Part) => p.state === 'published' || stopped(p);

/**
 * Where each copy's thread stands: read again whenever the post is (its copies' notes change
 * with it) and, while a thread is still on its way, every few seconds, since a part going out
 * changes no copy.
 */
export function useThreadParts(post: PostDto): ThreadParts | null {
  const threaded = post.thread.length > 0 || post.firstComment !== null;
  const out = post.targets.some((t) => t.state === 'published');
  const [parts, setParts] = useState<{ postId: string; parts: ThreadParts } | null>(null);
  const [look, setLook] = useState(0);
  useEffect(() => {
    if (!threaded || !out) return;
    let live = true;
    api.call('publishing:threadParts', { postId: post.id }).then(
      (p) => live && setParts({ postId: post.id, parts: p }),
      () => live && setParts(null),
    );
    return () => {
      live = false;
    };
  }, [post, threaded, out, look]);
  const current = threaded && out && parts?.postId === post.id ? parts.parts : null;
  // A thread that stopped waits for the creator, not for time: only one still going is looked at again.
  const moving = current?.some((c) => c.parts.some((p) => !settled(p)) && !c.parts.some(stopped)) ?? false;
  useEffect(() => {
    if (!moving) return;
    const timer = setTimeout(() => setLook((n) => n + 1), UNSETTLED_LOOK_MS);
    return () => clearTimeout(timer);
  }, [moving, parts]);
  return current;
}

/** The part a copy's thread stopped at, if it did. */
export function stoppedPart(parts: ThreadParts | null, targetId: string): Part | null {
  return parts?.find((c) => c.targetId === targetId)?.parts.find(stopped) ?? null;
}

const partName = (p: Part) => (p.kind === 'comment' ? 'First comment' : `Part ${p.position + 1}`);

/** One short phrase for where a part stands, with the time it is tried or checked again. */
function standing(p: Part, zone: string): string {
  const at = p.nextAttemptAt ? clockTime(Date.parse(p.nextAttemptAt), zone) : null;
  switch (p.state) {
    case 'published':
      return 'Out';
    case 'failed':
      return 'Did not go out';
    case 'unconfirmed':
      return 'Not confirmed';
    case 'publishing':
      return at ? `Checking whether it went out at ${at}` : 'Sending…';
    case 'pending':
      return at ? `Tries again at ${at}` : 'Follows the part before';
  }
}

/**
 * Under a published copy with a thread or first comment: each later part, where it stands and,
 * once out, its link. The copy's own line above is the thread's first post.
 */
export function ThreadProgress({ parts, platform, zone }: { parts: ThreadParts[number]; platform: Platform; zone: string }) {
  const list = parts.parts;
  // The copy itself is the thread's first post, and it is out.
  const thread = list.filter((p) => p.kind === 'thread');
  const total = thread.length + 1;
  const out = thread.filter((p) => p.state === 'published').length + 1;
  const summary = thread.length === 0 ? 'First comment' : out === total ? `Thread: all ${total} posts are out` : `Thread: ${out} of ${total} posts out`;
  return (
    <div className="part-progress" data-testid={`thread-parts-${platform}`}>
      <p className="part-progress-summary">{summary}</p>
      <ol>
        {list.map((p) => (
          <li key={p.position} data-testid="thread-part" data-state={p.state}>
            <span className="part-progress-name">{partName(p)}</span>
            <span className="part-progress-state" data-state={p.state} title={p.lastError ?? undefined}>
              {standing(p, zone)}
            </span>
            {p.url ? (
              <a href={p.url} target="_blank" rel="noopener noreferrer" data-testid="thread-part-link" aria-label={`View ${partName(p).toLowerCase()} on ${PLATFORM_NAMES[platform]}`}>
                View
                <Icon name="external" size={12} />
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
