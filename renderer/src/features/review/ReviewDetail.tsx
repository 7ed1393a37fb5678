import { useEffect, useState } from 'react';
import type { ReviewItemDto, WritingProvenanceDto } from '../../../../shared/contract/features/review';
import { api } from '../../api/client';
import { dayTime } from '../../lib/format';
import { PlatformMark } from '../../ui/PlatformMark';
import { StateBadge } from '../../ui/StateBadge';
import { diffWords } from '../../../../shared/domain/text-diff';
import { WriteWithModelMenu } from '../generation/WriteWithModelMenu';
import { ReviewPreviews } from './ReviewPreviews';
import { useVersions } from './useReview';
import { madeByLabel, writtenByLabel } from '../../lib/made-by';

const SOURCES: Record<ReviewItemDto['versionSource'], string> = {
  manual: 'Written by you',
  template: 'Made from a template',
  ai: 'Generated',
  import: 'Imported',
};

/** Who wrote this version of the post, when a writer did (the offline writer, a model); null otherwise. */
function useWriting(postId: string, version: number): WritingProvenanceDto | null {
  const [found, setFound] = useState<{ key: string; value: WritingProvenanceDto | null } | null>(null);
  const key = `${postId}@${version}`;
  useEffect(() => {
    let live = true;
    api
      .call('planner:provenance', { postIds: [postId] })
      .then((list) => {
        if (live) setFound({ key, value: list.find((p) => p.version === version) ?? null });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [postId, version, key]);
  return found?.key === key ? found.value : null;
}

/** The post under review: its copies, where it came from, and what changed since the version before. */
export function ReviewDetail({ item }: { item: ReviewItemDto }) {
  const { post } = item;
  const versions = useVersions(post.id);
  const writing = useWriting(post.id, post.version);
  const previous = versions?.find((v) => v.number === post.version - 1) ?? null;
  const madeBy = madeByLabel(post.createdBy);
  // Who typed the version under review: read from its version (until the history is in, a later
  // version says only "Edited" rather than guess it was the creator).
  const current = versions?.find((v) => v.number === post.version);
  const typedBy = item.versionSource === 'manual' ? writtenByLabel(current ?? { number: post.version, writtenBy: null }, post.createdBy) : null;
  const when = post.scheduledAt ? dayTime(Date.parse(post.scheduledAt), post.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, { withZone: true }) : null;

  return (
    <article className="review-detail" aria-labelledby="review-detail-title" data-testid="review-detail" data-post-id={post.id}>
      <h2 id="review-detail-title" className="review-detail-title">
        {when ? `Goes out ${when}` : 'No time yet: approving keeps it unscheduled'}
      </h2>
      {madeBy ? (
        <p className="review-made-by" data-testid="review-made-by" data-actor={post.createdBy?.actor}>
          {madeBy}
        </p>
      ) : null}
      <dl className="review-provenance" data-testid="review-provenance">
        <div>
          <dt>Source</dt>
          <dd data-testid="review-source">{writing ? writing.label : (typedBy ?? SOURCES[item.versionSource])}</dd>
        </div>
        {item.templateName ? (
          <div>
            <dt>Template</dt>
            <dd>{item.templateName}</dd>
          </div>
        ) : null}
        {item.voiceName ? (
          <div>
            <dt>Voice</dt>
            <dd>{item.voiceName}</dd>
          </div>
        ) : null}
        <div>
          <dt>Version</dt>
          <dd>{post.version}</dd>
        </div>
      </dl>
      <ul className="review-targets">
        {post.targets.map((t) => (
          <li key={t.id} data-testid="review-target">
            <PlatformMark platform={t.platform} />
            <StateBadge state={t.state} />
          </li>
        ))}
      </ul>
      <h3 className="review-section">{previous ? `Changes since version ${previous.number}` : 'Text'}</h3>
      <p className="review-text" data-testid="review-text">
        {previous
          ? diffWords(previous.text, post.text).map((part, i) =>
              part.kind === 'same' ? (
                <span key={i}>{part.text}</span>
              ) : part.kind === 'added' ? (
                <ins key={i} className="review-ins">
                  {part.text}
                </ins>
              ) : (
                <del key={i} className="review-del">
                  {part.text}
                </del>
              ),
            )
          : post.text}
      </p>
      {post.thread.length ? (
        <>
          <h3 className="review-section">Thread</h3>
          <ol className="review-thread">
            {post.thread.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ol>
        </>
      ) : null}
      {post.firstComment ? (
        <>
          <h3 className="review-section">First comment</h3>
          <p className="review-text">{post.firstComment}</p>
        </>
      ) : null}
      <ReviewPreviews post={post} />
      <WriteWithModelMenu post={post} />
    </article>
  );
}
