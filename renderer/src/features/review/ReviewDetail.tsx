import { useEffect, useState } from 'react';
import type { ReviewItemDto, WritingProvenanceDto } from '../../../../shared/contract/features/review';
import { api } from '../../api/client';
import { dayTime } from '../../lib/format';
import { PlatformMark } from '../../ui/PlatformMark';
import { StateBadge } from '../../ui/StateBadge';
import { diffWords } from '../../../../shared/domain/text-diff';
import { changedParts } from '../../../../shared/domain/thread-parts';
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

/** Words before and after, the removed struck through and the added marked. */
function Diffed({ before, after }: { before: string; after: string }) {
  return (
    <>
      {diffWords(before, after).map((part, i) =>
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
      )}
    </>
  );
}

/** The post under review: its copies, where it came from, and what changed since the version before. */
export function ReviewDetail({ item }: { item: ReviewItemDto }) {
  const { post } = item;
  const { versions, problem: historyProblem, retry: retryHistory } = useVersions(post.id);
  // A later version's changes and who typed it come from the history: until it is in, say so
  // rather than show the words as if nothing had changed.
  const historyLoading = post.version > 1 && versions === null && historyProblem === null;
  const writing = useWriting(post.id, post.version);
  const previous = versions?.find((v) => v.number === post.version - 1) ?? null;
  // The thread and first comment the version before had: known for versions saved since schema 23.
  const was = previous?.parts ?? null;
  const changed = was ? changedParts(was, post) : { thread: false, comment: false };
  const unchangedThread = !changed.thread;
  const sameComment = !changed.comment;
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
          <dd data-testid="review-source">{writing ? writing.label : historyLoading && item.versionSource === 'manual' ? 'Loading…' : (typedBy ?? SOURCES[item.versionSource])}</dd>
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
      <h3 className="review-section">{previous || historyLoading ? `Changes since version ${post.version - 1}` : 'Text'}</h3>
      {historyLoading ? (
        <p className="review-note" role="status" data-testid="review-changes-loading">
          Loading what changed…
        </p>
      ) : null}
      {historyProblem && post.version > 1 ? (
        <p className="review-note" role="alert" data-testid="review-changes-problem">
          Loomcast could not read the post’s history, so the changes since version {post.version - 1} aren’t shown: {historyProblem.message}{' '}
          <button type="button" className="btn-link" onClick={retryHistory}>
            Try again
          </button>
        </p>
      ) : null}
      <p className="review-text" data-testid="review-text" dir="auto" aria-busy={historyLoading}>
        {previous ? <Diffed before={previous.text} after={post.text} /> : post.text}
      </p>
      {was && previous!.text === post.text && !(unchangedThread && sameComment) ? (
        <p className="review-note" data-testid="review-parts-only">
          The words are the same; {unchangedThread ? 'the first comment' : sameComment ? 'the thread' : 'the thread and first comment'} changed.
        </p>
      ) : null}
      {post.thread.length || (was && was.thread.length) ? (
        <>
          <h3 className="review-section">{was && !unchangedThread ? `Thread, changed since version ${previous!.number}` : 'Thread'}</h3>
          <ol className="review-thread" data-testid="review-thread">
            {Array.from({ length: Math.max(post.thread.length, was && !unchangedThread ? was.thread.length : 0) }, (_, i) => (
              <li key={i}>{was && !unchangedThread ? <Diffed before={was.thread[i] ?? ''} after={post.thread[i] ?? ''} /> : post.thread[i]}</li>
            ))}
          </ol>
        </>
      ) : null}
      {post.firstComment || (was && was.firstComment) ? (
        <>
          <h3 className="review-section">{was && !sameComment ? `First comment, changed since version ${previous!.number}` : 'First comment'}</h3>
          <p className="review-text" data-testid="review-comment">
            {was && !sameComment ? <Diffed before={was.firstComment ?? ''} after={post.firstComment ?? ''} /> : post.firstComment}
          </p>
        </>
      ) : null}
      <ReviewPreviews post={post} />
      <WriteWithModelMenu post={post} />
    </article>
  );
}
