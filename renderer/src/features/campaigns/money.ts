import { percentOf } from '../../../../shared/domain/percent';
/** Money as the creator types it ("1,250.50", "200") ↔ integer cents, without float drift. */
export function parseMoney(text: string): number | null | 'invalid' {
  const clean = text.trim().replace(/,/g, '');
  if (clean === '') return null;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return 'invalid';
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function formatMoney(cents: number): string {
  return (cents / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** ROI as a percentage, e.g. "+150 %" (shared/domain/percent.ts); "—" when nothing was spent. */
export function formatRoi(roi: number | null): string {
  if (roi === null) return '—';
  const pct = Math.round(roi * 1000) / 10;
  return percentOf(`${pct > 0 ? '+' : ''}${pct.toLocaleString('en')}`);
}
