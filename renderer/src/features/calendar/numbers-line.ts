import type { TargetMetricsStatusDto } from '../../../../shared/contract/features/metrics';
import { shortWhen } from '../../lib/format';

/** Where collecting a copy's numbers stands, in words: when they were taken, when the next look is, or why there are none. */
export function numbersLine(s: TargetMetricsStatusDto, zone: string, now: number): string {
  const at = (iso: string) => shortWhen(Date.parse(iso), zone, now);
  const next = s.nextCheckAt ? ` Next look ${at(s.nextCheckAt)}.` : '';
  if (s.refreshRequested) return 'Looking at its numbers now…';
  if (s.status === null) return s.nextCheckAt ? `First look at its numbers ${at(s.nextCheckAt)}.` : 'Loomcast looks at its numbers about an hour after it went out.';
  if (s.status === 'ok') {
    const taken = s.numbersAt ?? s.checkedAt;
    const when = taken ? `Numbers as of ${at(taken)}.` : 'Numbers in.';
    return `${when}${s.nextCheckAt ? next : ' Measuring is over.'}`;
  }
  return `${s.statusDetail ?? 'No numbers yet.'}${next}`;
}
