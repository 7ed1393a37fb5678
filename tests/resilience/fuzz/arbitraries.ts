/**
 * Inputs for the contract fuzz: values shaped by each channel's own zod schema (through its JSON
 * Schema, `z.toJSONSchema`), the same values mutated (a field of the wrong type, a huge string,
 * deep nesting, odd unicode, boundary numbers, an extra or a missing field), and fully random JSON.
 */
import fc from 'fast-check';
import { z } from 'zod';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  additionalProperties?: boolean | Schema;
};

/** How many items and characters a generated valid value has at most: valid, not exhaustive. */
const MAX_ITEMS = 4;
const MAX_CHARS = 80;

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? MAX_CHARS, MAX_CHARS));
  if (s.format === 'date-time') return fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot invert (lookarounds…): plain strings, which the schema may refuse.
    }
  }
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'grapheme', minLength: min, maxLength: max }));
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : undefined);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : undefined);
  if (integer) return fc.integer({ min: Math.max(lo ?? -1e9, Number.MIN_SAFE_INTEGER), max: Math.min(hi ?? 1e9, Number.MAX_SAFE_INTEGER) });
  return fc.double({ min: lo ?? -1e9, max: hi ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary for values that satisfy (or nearly satisfy: refinements are not in JSON Schema) `s`. */
export function fromJsonSchema(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const next = (x: Schema) => fromJsonSchema(x, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map(next));
  if (s.allOf?.length) return next(s.allOf[0]!);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => next({ ...s, type })));
  switch (s.type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? next(s.items) : fc.jsonValue({ maxDepth: 2 }), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS)) });
    }
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, next(v)]));
      const record = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
      if (s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), next(s.additionalProperties), { maxKeys: MAX_ITEMS });
      }
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export function schemaOf(input: z.ZodType): Schema {
  return z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema;
}

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};

/** Values that have broken parsers and databases before. Built once: generating 1 MB strings per run would be the fuzz's whole budget. */
const HUGE = ['x'.repeat(100_001), '💥'.repeat(60_000), 'a\u0301'.repeat(50_001)];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  'lone \uDC00 low',
  '\u202Eevil\u202C',
  '\uFEFFbom',
  'e\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'ﷺ'.repeat(50),
  '\r\n\t\v\f',
  "'; DROP TABLE posts; --",
  '%s%n%x',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '25:61',
  'NaN',
  '__proto__',
];
const BOUNDARY_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308, 1e-320];

export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HUGE),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...BOUNDARY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [[[]]], { '': '' }),
  fc.tuple(fc.constantFrom(64, 2_000), fc.boolean()).map(([d, a]) => nested(d, 'deep', a)),
  fc.constantFrom(Array(5_001).fill('item'), Array(2_000).fill({ id: 'x' })),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Field names that must not reach an object's prototype or a SQL identifier. */
const EXTRA_KEYS = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'toString', '', ' ', 'a.b', '$where'), fc.string({ minLength: 1, maxLength: 12 }));

type Path = (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  if (path.length === 1) {
    if (Array.isArray(root)) return root.filter((_, i) => i !== path[0]);
    const { [path[0] as string]: _gone, ...rest } = root as Record<string, unknown>;
    return rest;
  }
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = deleteAt(copy[head], rest);
  return copy;
}

export type Mutation = 'replace' | 'extra' | 'drop' | 'none';

/** A valid-shaped value with one thing wrong in it (or none). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, nasty, EXTRA_KEYS, fc.nat(), fc.constantFrom<Mutation>('replace', 'replace', 'extra', 'drop', 'none')).map(([v, bad, key, pick, op]) => {
    const all = paths(v);
    const where = all[pick % all.length]!;
    if (op === 'replace') return setAt(v, where, bad);
    if (op === 'drop') return deleteAt(v, where);
    if (op === 'extra') {
      const objects = all.filter((p) => {
        const at = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
        return at !== null && typeof at === 'object' && !Array.isArray(at);
      });
      const target = objects[pick % Math.max(1, objects.length)] ?? [];
      const at = target.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], v);
      // JSON.parse on the other side makes "__proto__" an own key, as an attacker's body would.
      return setAt(v, target, Object.defineProperty({ ...(at as object) }, key, { value: bad, enumerable: true, configurable: true, writable: true }));
    }
    return v;
  });
}

/** The body for one call: mostly schema-shaped (valid or mutated), sometimes any JSON at all. */
export function inputsFor(input: z.ZodType, opts: { validOk: boolean }): fc.Arbitrary<unknown> {
  const valid = fromJsonSchema(schemaOf(input));
  const random = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nasty);
  // For a channel whose valid inputs make no sense here, every valid-shaped value gets something wrong.
  const shaped = opts.validOk ? fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: mutated(valid), weight: 3 }) : mutated(valid).filter((v) => !input.safeParse(v).success);
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: random, weight: 1 });
}
