import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import { MEASURE_DAYS } from '../../../../shared/domain/platform-metrics';
import { shortWhen } from '../../lib/format';

/** Where collecting a copy's numbers stands, in words: when they were taken, when the next look is, or why there are none. */
export function numbersLine(s: TargetMetricsStatusDto, zone: string, now: number): string {
  const at = (iso: string) => shortWhen(Date.parse(iso), zone, now);
  const next = s.nextCheckAt ? ` Next look ${at(s.nextCheckAt)}.` : '';
  // A look asked for while the platform's limit holds waits for the limit, and says so.
  const held = s.status === 'rate_limited' && s.nextCheckAt !== null && Date.parse(s.nextCheckAt) > now;
  if (s.refreshRequested && !held) return 'Looking at its numbers now…';
  if (s.refreshRequested) return ['Asked for a look.', s.statusDetail, next.trim()].filter(Boolean).join(' ');
  if (s.status === null) return s.nextCheckAt ? `First look at its numbers ${at(s.nextCheckAt)}.` : 'Loomcast looks at its numbers about an hour after it went out.';
  if (s.status === 'ok') {
    const taken = s.numbersAt ?? s.checkedAt;
    const when = taken ? `Numbers as of ${at(taken)}.` : 'Numbers in.';
    if (s.nextCheckAt) return `${when}${next}`;
    // No next look with numbers in: the collector's last band has passed (it follows a post for MEASURE_DAYS days).
    const ended = s.checkedAt ? `Measuring ended ${at(s.checkedAt)}` : 'Measuring has ended';
    return `${when} ${ended}: Loomcast follows a post's numbers for its first ${MEASURE_DAYS} days.`;
  }
  return `${s.statusDetail ?? 'No numbers yet.'}${next}`;
}
