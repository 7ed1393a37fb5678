import { useMemo } from 'react';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import * as textRules from '../../../../shared/text-rules';

/**
 * The counting rules (twitter-text and friends). They are most of the composer's weight and come
 * with its chunk (compose-form, which the pre-flight checks load anyway), never with the app's
 * first screen: every screen that counts (Compose, Review) imports that chunk.
 */
export type TextRules = typeof textRules;
export { textRules };

/**
 * Live length per chosen platform: amber near the limit, red over it, naming the rule. Each
 * platform is measured on the words it gets (`textFor`: its own text where customised).
 */
export function Counters({ textFor, platforms }: { textFor: (p: Platform) => string; platforms: Platform[] }) {
  const measures = useMemo(() => platforms.map((p) => textRules.measure(p, textFor(p))), [textFor, platforms]);
  if (measures.length === 0) return <p className="counters-empty muted">Pick platforms to see their limits.</p>;
  // Rules are named where they matter: for a platform near or over its limit, or when a link is
  // counted differently from how it looks. The rest stay in each counter's tooltip.
  const hasLink = platforms.some((p) => /https?:\/\/|www\./i.test(textFor(p)));
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
            <li key={m.platform} className="counter" data-tone={tone} data-testid={`counter-${m.platform}`} title={[`${PLATFORM_NAMES[m.platform]}: ${m.atLeast ? 'at least ' : ''}${m.length} of ${m.limit}`, ...m.notes].join('\n')}>
              <span className="counter-name">{PLATFORM_NAMES[m.platform]}</span>
              <span className="counter-value">
                {/* A lower bound (the rules could not count exactly) reads as one: "≥ 281/280". */}
                {m.atLeast ? '≥ ' : ''}
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
