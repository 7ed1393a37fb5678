import type { ReactNode } from 'react';
import type { TextRules } from '../Counters';

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

/** The text with its links, tags and mentions marked as the platforms colour them. */
export function highlighted(rules: TextRules, text: string): ReactNode[] {
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
