import type { ReactNode } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_COLORS, PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { TextRules } from './Counters';

interface Span {
  start: number;
  end: number;
  kind: 'link' | 'tag' | 'mention';
}

/** Finds links, #hashtags and @mentions with the same rules the counters use. */
function entitySpans(rules: TextRules, text: string): Span[] {
  const spans: Span[] = [];
  const find = (needles: string[], kind: Span['kind']) => {
    let from = 0; // the same link or tag twice: each occurrence in turn
    for (const needle of needles) {
      const start = text.indexOf(needle, from);
      if (start < 0) continue;
      spans.push({ start, end: start + needle.length, kind });
      from = start + needle.length;
    }
  };
  find(rules.extractUrls(text), 'link');
  find(rules.extractHashtags(text).map((h) => `#${h}`), 'tag');
  find(rules.extractMentions(text).map((m) => `@${m}`), 'mention');
  // Earliest first; a span inside another (a #fragment in a link) is dropped.
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

function highlighted(rules: TextRules | null, text: string): ReactNode[] {
  if (!rules) return [text];
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of entitySpans(rules, text)) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <span key={s.start} className={`preview-entity preview-${s.kind}`} data-entity={s.kind}>
        {text.slice(s.start, s.end)}
      </span>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** A sketch of how the post will look on the platform: who posts it, the words, the count. */
export function PostPreview({ platform, text, account, rules }: { platform: Platform; text: string; account: AccountDto | null; rules: TextRules | null }) {
  const m = rules ? rules.measure(platform, text) : null;
  const name = account ? (account.displayName ?? account.handle) : 'You';
  const handle = account ? account.handle : `not connected to ${PLATFORM_NAMES[platform]} yet`;
  const links = platform === 'x' && rules ? rules.extractUrls(text).length : 0;
  const tone = m ? (!m.valid && m.length > 0 ? 'over' : m.length >= m.limit * 0.9 ? 'near' : 'ok') : 'ok';
  return (
    <article className="preview-card" data-testid={`preview-${platform}`} aria-label={`${PLATFORM_NAMES[platform]} preview`}>
      <header className="preview-head">
        <span className="preview-avatar" style={{ background: PLATFORM_COLORS[platform] }} aria-hidden="true">
          {name.replace(/^@/, '').slice(0, 1).toUpperCase()}
        </span>
        <span className="preview-who">
          <span className="preview-name">{name}</span>
          <span className="preview-handle muted">{handle}</span>
        </span>
      </header>
      <p className="preview-text" data-testid={`preview-text-${platform}`}>
        {text.trim() ? highlighted(rules, text) : <span className="muted">Nothing written yet.</span>}
      </p>
      <footer className="preview-foot">
        {links > 0 ? (
          <span className="muted" data-testid="preview-x-links">
            {links === 1 ? 'The link counts as 23 characters on X.' : `Each of the ${links} links counts as 23 characters on X.`}
          </span>
        ) : (
          <span />
        )}
        {m ? (
          <span className="counter" data-tone={tone} data-testid={`preview-counter-${platform}`}>
            {m.length}/{m.limit}
          </span>
        ) : null}
      </footer>
    </article>
  );
}
