import { useEffect, useRef, useState } from 'react';
import type { RefreshProblem, RefreshProgressDto } from '../../../../shared/contract/features/metrics';
import { api } from '../../api/client';
import { clockTime, plural } from '../../lib/format';
import { toProblem, type Problem } from '../../lib/errors';
import { PlatformMark } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';

/** Why a copy got no new numbers, when the core had no words of its own for it. */
const PROBLEM_WORDS: Record<RefreshProblem, string> = {
  pending: 'The platform has no numbers for it yet.',
  unsupported: 'The platform does not share numbers for it.',
  permission_required: 'The account needs to be reconnected to allow reading its posts.',
  rate_limited: 'The platform is limiting requests for now; it is looked at again once the limit lifts.',
  not_found: 'The platform no longer has the post (deleted or hidden).',
  failed: 'Reading its numbers failed.',
  not_measured: 'It was deleted or unpublished before its look.',
};

/** Whether `next` is news beside `cur` (events and reads can arrive out of order). */
function newer(cur: RefreshProgressDto | null, next: RefreshProgressDto): boolean {
  if (!cur || cur.state === 'idle') return true;
  if (next.startedAt !== cur.startedAt) return (next.startedAt ?? '') > (cur.startedAt ?? '');
  const rank = (p: RefreshProgressDto) => [p.state === 'running' ? 0 : 1, p.looked + p.stopped, p.asked];
  const [a, b] = [rank(cur), rank(next)];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! > a[i]!;
  return true;
}

/** How far the refresh under way (or the last one) got: read on mount, then kept by metrics:refreshProgress. */
function useRefreshProgress() {
  const [progress, setProgress] = useState<RefreshProgressDto | null>(null);
  const take = (p: RefreshProgressDto) => setProgress((cur) => (newer(cur, p) ? p : cur));
  useEffect(() => {
    let live = true;
    const off = api.subscribe('metrics:refreshProgress', (p) => live && take(p));
    api.call('metrics:refreshStatus', {}).then(
      (p) => live && take(p),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return { progress, take };
}

/**
 * The copies that got no new numbers, each reason once per platform (a rate limit on two platforms
 * is two lines, each with its own words), in the core's words where it has them.
 */
function Problems({ p }: { p: RefreshProgressDto }) {
  if (p.problems.length === 0) return null;
  return (
    <ul className="analytics-look-problems" data-testid="analytics-refresh-problems">
      {p.problems.map((x) => (
        <li key={`${x.status} ${x.platform ?? ''}`} data-status={x.status} data-platform={x.platform ?? undefined}>
          {x.platform ? (
            <>
              <PlatformMark platform={x.platform} compact />{' '}
            </>
          ) : null}
          {plural(x.copies, 'copy', 'copies')}: {x.detail ?? PROBLEM_WORDS[x.status]}
        </li>
      ))}
    </ul>
  );
}

function endWords(p: RefreshProgressDto, zone: string): string {
  const at = p.endedAt ? ` at ${clockTime(Date.parse(p.endedAt), zone)}` : '';
  const failed = p.problems.reduce((n, x) => n + x.copies, 0);
  if (p.state === 'stopped') {
    const back = p.stopped > 0 ? `; the other ${plural(p.stopped, 'copy', 'copies')} went back to their usual schedule` : '';
    return `Stopped${at} after looking at ${p.looked} of ${plural(p.asked, 'copy', 'copies')}${back}.`;
  }
  if (failed === 0) return `Done${at}: looked at ${p.asked === 1 ? 'the 1 copy' : `all ${p.asked} copies`}.`;
  return `Done${at}: looked at ${p.asked - failed} of ${plural(p.asked, 'copy', 'copies')}; ${failed} could not be looked at:`;
}

/**
 * Every published post's numbers looked at again now: queued at once, looked at in the background
 * within each platform's limits, with how far it got and a way to stop it (ui.md: long work shows
 * progress and can be cancelled). The page's numbers update as they come in (metrics:updated).
 */
export function LookAtAll({ zone }: { zone: string }) {
  const { progress, take } = useRefreshProgress();
  const [busy, setBusy] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the button pressed is replaced: Stop while it runs, the start button after.
  const focusNext = useRef<'stop' | 'start' | null>(null);
  const running = progress?.state === 'running';

  useEffect(() => {
    // After the call: a button disabled while it runs cannot take focus.
    if (busy) return;
    const target = focusNext.current === 'stop' && running ? stopRef.current : focusNext.current === 'start' && !running ? startRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [running, busy]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const look = () =>
    act(async () => {
      setNothing(false);
      focusNext.current = 'stop';
      const { queued } = await api.call('metrics:refresh', {});
      if (queued === 0) setNothing(true);
      take(await api.call('metrics:refreshStatus', {}));
    });
  const stop = () =>
    act(async () => {
      focusNext.current = 'start';
      take(await api.call('metrics:cancelRefresh', {}));
    });

  const words = running
    ? `Looked at ${progress.looked} of ${plural(progress.asked, 'copy', 'copies')}…`
    : nothing
      ? 'No post is being measured right now (numbers are collected for 90 days after a post goes out).'
      : progress && progress.state !== 'idle'
        ? endWords(progress, zone)
        : '';

  return (
    <div className="analytics-look" data-testid="analytics-look">
      <div className="analytics-look-row">
        {running ? (
          <>
            <progress aria-label="Copies looked at" data-testid="analytics-refresh-progress" max={progress.asked || undefined} value={progress.asked ? progress.looked : undefined} />
            <button type="button" ref={stopRef} className="btn btn-small" data-testid="analytics-refresh-stop" disabled={busy} aria-describedby="analytics-refresh-note" onClick={() => void stop()}>
              Stop
            </button>
          </>
        ) : (
          <button type="button" ref={startRef} className="btn btn-small" data-testid="analytics-refresh" disabled={busy} onClick={() => void look()}>
            Look at every post’s numbers again now
          </button>
        )}
      </div>
      {/* One live region, always there, so each change of the words is announced. */}
      <p id="analytics-refresh-note" className="analytics-muted" role="status" data-testid="analytics-refresh-note">
        {words}
      </p>
      {progress && !nothing ? <Problems p={progress} /> : null}
      {problem ? <ProblemNote problem={problem} testId="analytics-refresh-problem" /> : null}
    </div>
  );
}
