import { useEffect, useMemo, useState } from 'react';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { measure as Measure } from '../../../../shared/text-rules';

type MeasureFn = typeof Measure;
let loaded: MeasureFn | null = null;

/**
 * The counting rules (twitter-text and friends) are most of the bundle's weight, so they load
 * with the composer instead of with the app.
 */
function useMeasure(): MeasureFn | null {
  const [fn, setFn] = useState<MeasureFn | null>(() => loaded);
  useEffect(() => {
    if (fn) return;
    let live = true;
    void import('../../../../shared/text-rules').then((m) => {
      loaded = m.measure;
      if (live) setFn(() => m.measure);
    });
    return () => {
      live = false;
    };
  }, [fn]);
  return fn;
}

/** Live length per chosen platform: amber near the limit, red over it, naming the rule. */
export function Counters({ text, platforms }: { text: string; platforms: Platform[] }) {
  const measure = useMeasure();
  const measures = useMemo(() => (measure ? platforms.map((p) => measure(p, text)) : []), [measure, text, platforms]);
  if (!measure) return <p className="counters-empty muted">Counting…</p>;
  if (measures.length === 0) return <p className="counters-empty muted">Pick platforms to see their limits.</p>;
  // Rules are named where they matter: for a platform near or over its limit, or when a link is
  // counted differently from how it looks. The rest stay in each counter's tooltip.
  const hasLink = /https?:\/\/|www\./i.test(text);
  const notes = [
    ...new Set(
      measures
        .filter((m) => m.length > 0)
        .flatMap((m) => [
          ...m.problems.filter((p) => p !== 'Text is empty'),
          ...m.notes.filter((n) => m.length >= m.limit * 0.9 || (hasLink && /link/i.test(n))),
        ]),
    ),
  ];
  return (
    <div className="counters" data-testid="compose-counters">
      <ul className="counter-list">
        {measures.map((m) => {
          const tone = !m.valid && m.length > 0 ? 'over' : m.length >= m.limit * 0.9 ? 'near' : 'ok';
          return (
            <li key={m.platform} className="counter" data-tone={tone} data-testid={`counter-${m.platform}`} title={[`${PLATFORM_NAMES[m.platform]}: ${m.length} of ${m.limit}`, ...m.notes].join('\n')}>
              <span className="counter-name">{PLATFORM_NAMES[m.platform]}</span>
              <span className="counter-value">
                {m.length}/{m.limit}
              </span>
            </li>
          );
        })}
      </ul>
      {notes.length ? (
        <ul className="counter-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
