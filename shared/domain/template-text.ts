/**
 * The text rules of templates, shared by the core (which renders and saves) and the renderer
 * (which previews as the creator types), so both always agree on what a template means.
 *
 * Syntax: `{product}` is a variable. Names start with a letter and hold letters, digits,
 * spaces, `-`, `_` and apostrophes (up to 40 characters): `{target audience}` works. Names match
 * regardless of case and spacing, so `{Product}` and `{ product }` are the same variable.
 * `{{` and `}}` write a literal brace. A line holding only `---` starts the next part of a
 * thread.
 */

export type TemplateToken = { kind: 'text'; text: string } | { kind: 'var'; key: string; raw: string };

export interface TemplateVariable {
  /** How the variable is matched: trimmed, single-spaced, lower case. */
  key: string;
  /** As the template first writes it, for labels. */
  label: string;
}

export interface TemplateProblem {
  /** The offending text, e.g. "{product!}". */
  text: string;
  /** Zero-based line of the body. */
  line: number;
  message: string;
}

export interface ParsedTemplate {
  tokens: TemplateToken[];
  variables: TemplateVariable[];
  /** Brace groups that look like variables but can't be; saving refuses them. */
  problems: TemplateProblem[];
}

const NAME = /^[\p{L}][\p{L}\p{N} _'’-]{0,39}$/u;
const MAX_GROUP = 60;

export function variableKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function parseTemplate(body: string): ParsedTemplate {
  const tokens: TemplateToken[] = [];
  const variables: TemplateVariable[] = [];
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  let text = '';
  let line = 0;
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };

  for (let i = 0; i < body.length;) {
    const ch = body[i]!;
    if (ch === '\n') line++;
    if (ch === '}') {
      text += '}';
      // `}}` is the written form of one brace; a lone `}` is harmless and kept as it is.
      i += body[i + 1] === '}' ? 2 : 1;
      continue;
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    if (body[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    // A variable closes on the same line, before any other brace.
    let end = i + 1;
    while (end < body.length && body[end] !== '}' && body[end] !== '{' && body[end] !== '\n') end++;
    if (body[end] !== '}') {
      const shown = body.slice(i, Math.min(end, i + MAX_GROUP));
      problems.push({ text: shown, line, message: `“${shown}” opens a variable that is never closed. Close it with }, or write {{ for a literal brace.` });
      text += '{';
      i++;
      continue;
    }
    const raw = body.slice(i + 1, end);
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!NAME.test(name)) {
      const shown = `{${raw.length > MAX_GROUP ? `${raw.slice(0, MAX_GROUP)}…` : raw}}`;
      const why = name === '' ? 'is empty' : /^[\p{L}]/u.test(name) ? (name.length > 40 ? 'is longer than 40 characters' : 'uses characters a name can’t have') : 'does not start with a letter';
      problems.push({ text: shown, line, message: `“${shown}” can’t be a variable: its name ${why}. Names use letters, digits, spaces, - and _; write {{ and }} for literal braces.` });
      text += body.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    flush();
    const key = variableKey(name);
    tokens.push({ kind: 'var', key, raw });
    if (!seen.has(key)) {
      seen.add(key);
      variables.push({ key, label: name });
    }
    i = end + 1;
  }
  flush();
  return { tokens, variables, problems };
}

export interface RenderResult {
  text: string;
  /** Variables of the template with no value (or only spaces); their `{name}` stays in the text. */
  missing: string[];
  /** Values given for names the template does not have. */
  unknown: string[];
}

/** Fills in the values in one pass: a value that itself contains `{x}` is not filled in again. */
export function renderTemplate(body: string, values: Record<string, string>): RenderResult {
  const parsed = parseTemplate(body);
  const byKey = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) byKey.set(variableKey(name), value);

  const missing: string[] = [];
  let text = '';
  for (const token of parsed.tokens) {
    if (token.kind === 'text') {
      text += token.text;
      continue;
    }
    const value = byKey.get(token.key);
    if (value === undefined || value.trim() === '') {
      if (!missing.includes(token.key)) missing.push(token.key);
      text += `{${token.raw}}`;
    } else {
      text += value;
    }
  }
  const known = new Set(parsed.variables.map((v) => v.key));
  const unknown = [...new Set([...byKey.keys()].filter((k) => !known.has(k)))];
  return { text, missing, unknown };
}

/** Splits rendered text into a post and the rest of its thread at lines holding only `---`. */
export function splitThread(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*---[ \t]*(?:\r?\n|$)/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Which of `words` occur in `text` as whole words or phrases, ignoring case. */
export function wordsFound(text: string, words: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return words.filter((word) => {
    const w = word.trim().toLowerCase();
    if (!w) return false;
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(lower);
  });
}
