import type { ExperimentDto } from '../../../../shared/contract/features/experiments';
import { fixed } from '../../lib/numbers';

/** Two significant digits (0.034, 0.50, 1.0), with the creator's decimal separator. */
const twoDigits = (p: number) => {
  const r = Number(p.toPrecision(2));
  return fixed(r, Math.max(0, 1 - Math.floor(Math.log10(r))));
};

/** A p-value as written on the Experiments screen. */
export const pFmt = (p: number | null) => (p === null ? '—' : p < 0.001 ? `< ${fixed(0.001, 3)}` : twoDigits(p));

/**
 * Posts per version against the plan, and the sample-ratio check with the posts it rests on; before
 * any post has numbers there is nothing to check, so no verdict on the shares is claimed.
 */
export function srmWords(e: Pick<ExperimentDto, 'armsTable'> & { result: Pick<ExperimentDto['result'], 'srm'> }): string {
  const counts = e.armsTable.map((a) => `${a.label} ${a.measured}/${a.planned}`).join(', ');
  const { srm } = e.result;
  if (srm.n === 0 || srm.pValue === null) return `${counts} · shares are checked once posts have numbers`;
  const from = `sample-ratio p ${pFmt(srm.pValue)}, from ${srm.n} post${srm.n === 1 ? '' : 's'}`;
  return `${counts} · ${srm.ok ? 'shares as planned' : 'shares off the plan: check the assignment'} (${from})`;
}
