/**
 * What a log line may hold of the fields a caller passes: secrets hidden at any depth (a token in
 * `request.headers.authorization`, a password in an array of objects, a key in an Error's cause),
 * and a bounded, JSON-safe copy of the rest. A cyclic, very deep or very large value costs a few
 * thousand steps at most and is cut with a marker; it never throws, so logging cannot take the
 * app down.
 */

/** Field names whose values are never written, whatever a caller passes by mistake. */
export const SECRET_KEYS = /(secret|password|token|authorization|cookie|jwt|key)$/i;

export const REDACTED = '[redacted]';
/** Objects and arrays inside objects and arrays, below the line's own fields. */
const MAX_DEPTH = 8;
/** Entries of one object or items of one array. */
const MAX_ENTRIES = 100;
/** Values visited for one line, all depths together (a wide and deep value is still cut short). */
const MAX_NODES = 2_000;
/** Characters of one string (a stack trace gets the same), and of all of a line's strings. */
const MAX_STRING = 8_000;
const MAX_CHARS = 64_000;

interface Walk {
  nodes: number;
  chars: number;
  /** The objects from the line down to the value being copied: meeting one again is a cycle. */
  path: Set<object>;
}

function cut(s: string, w: Walk): string {
  const room = Math.max(0, Math.min(MAX_STRING, MAX_CHARS - w.chars));
  const kept = s.length <= room ? s : `${s.slice(0, room)}… (${s.length - room} more characters)`;
  w.chars += Math.min(s.length, room);
  return kept;
}

/** At most MAX_ENTRIES of an object's own entries (read one by one, so a getter runs only for those), and how many there were. */
function entriesOf(value: object): { entries: Array<[string, unknown]>; total: number } {
  if (value instanceof Map) {
    const entries: Array<[string, unknown]> = [];
    for (const [k, v] of value) {
      if (entries.length === MAX_ENTRIES) break;
      entries.push([String(k), v]);
    }
    return { entries, total: value.size };
  }
  if (typeof Headers !== 'undefined' && value instanceof Headers) {
    const entries = [...value.entries()];
    return { entries: entries.slice(0, MAX_ENTRIES), total: entries.length };
  }
  const keys = Object.keys(value);
  return { entries: keys.slice(0, MAX_ENTRIES).map((k) => [k, (value as Record<string, unknown>)[k]]), total: keys.length };
}

function copyError(err: Error, w: Walk, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: cut(String(err.name), w), message: cut(String(err.message), w) };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (typeof err.stack === 'string') out.stack = cut(err.stack, w);
  // The cause is often the useful part (fetch's "fetch failed" hides ECONNREFUSED there), and the
  // place a client library keeps the request it sent: copied under the same rules.
  if (err.cause !== undefined) out.cause = copy(err.cause, w, depth + 1);
  return out;
}

function copyObject(obj: object, w: Walk, depth: number): Record<string, unknown> {
  const { entries, total } = entriesOf(obj);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const key = cut(k, w);
    if (SECRET_KEYS.test(k)) out[key] = REDACTED;
    else {
      const c = copy(v, w, depth + 1);
      if (c !== undefined) out[key] = c;
    }
  }
  if (total > entries.length) out['…'] = `${total - entries.length} more`;
  return out;
}

function copy(value: unknown, w: Walk, depth: number): unknown {
  if (++w.nodes > MAX_NODES) return '[truncated]';
  switch (typeof value) {
    case 'string':
      return cut(value, w);
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      // As JSON.stringify does: left out of an object (null in an array).
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (w.path.has(obj)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  w.path.add(obj);
  try {
    if (obj instanceof Error) return copyError(obj, w, depth);
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
    if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} of ${obj.byteLength} bytes]`;
    if (Array.isArray(obj) || obj instanceof Set) {
      const items: unknown[] = [];
      for (const v of obj as Iterable<unknown>) {
        if (items.length === MAX_ENTRIES) break;
        items.push(v);
      }
      const total = Array.isArray(obj) ? obj.length : (obj as Set<unknown>).size;
      const out = items.map((v) => copy(v, w, depth + 1) ?? null);
      if (total > items.length) out.push(`… ${total - items.length} more`);
      return out;
    }
    // Something that says how it is written (a URL, a Decimal…): that, under the same rules.
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !(obj instanceof Map)) return copy(toJSON.call(obj) as unknown, w, depth + 1);
    return copyObject(obj, w, depth);
  } catch {
    // A getter that throws, a revoked proxy: this value is left out rather than the line.
    return '[unreadable]';
  } finally {
    w.path.delete(obj);
  }
}

/** The line's fields, with every secret-named field at any depth replaced and the rest bounded. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const w: Walk = { nodes: 0, chars: 0, path: new Set([fields]) };
  try {
    return copyObject(fields, w, 0);
  } catch {
    return { fields: '[unreadable]' };
  }
}
