/**
 * The contract's zod schemas as OpenAPI 3.1 components (JSON Schema 2020-12), through zod 4's
 * own `z.toJSONSchema`. Requests are described as a client may send them (`io: 'input'`: fields
 * with a default are optional), answers and events as Loomcast sends them (`io: 'output'`).
 * The named schemas of shared/contract/schemas.ts (Post, Account…) become shared components;
 * each channel's own input and output become `<channel>.Input` / `<channel>.Output`.
 */
import { z } from 'zod';
import * as named from '../../shared/contract/schemas';

export type JsonSchema = Record<string, unknown>;

/** Component names may only use letters, digits, '.', '-' and '_' (OpenAPI 3.1 §4.8.7.1). */
export const componentName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '.');

export const refTo = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });

/** What JSON cannot say about a value, in words a reader of the document can act on. */
const UNREPRESENTABLE: Record<string, string> = {
  transform: 'Computed by Loomcast from the value; its JSON shape cannot be described here.',
  date: 'A date (sent as an ISO 8601 string).',
  bigint: 'A big integer (sent as a string of digits).',
  undefined: 'Absent.',
  void: 'Absent.',
  map: 'A map of keys to values.',
  set: 'A list of distinct values.',
  custom: 'A value checked by Loomcast in code; see the error message for what it expects.',
  function: 'Not sent over HTTP.',
  symbol: 'Not sent over HTTP.',
  nan: 'Not a number (never sent).',
};

/**
 * Shapes JSON Schema cannot state become `{}` plus a description saying what is expected,
 * rather than stopping the whole document (`unrepresentable: 'any'` leaves them blank).
 */
function describeUnrepresentable(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const type = ctx.zodSchema._zod.def.type;
  const words = UNREPRESENTABLE[type];
  if (words && ctx.jsonSchema.description === undefined) ctx.jsonSchema.description = words;
}

/** The exported zod schemas of shared/contract/schemas.ts, each a component of its own. */
function namedSchemas(): [string, z.ZodType][] {
  return Object.entries(named as Record<string, unknown>).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);
}

export interface SchemaSet {
  /** Registers a schema under `id` (or returns the id it already has) and gives the reference to use. */
  use(schema: z.ZodType, id: string): JsonSchema;
  /** Every registered schema as components, keyed by id. */
  components(): Record<string, JsonSchema>;
}

/**
 * One conversion pass (`io` input or output). Shared named schemas get `suffix` in input mode,
 * since the same zod schema reads differently as a request (defaults optional) and as an answer.
 */
export function schemaSet(io: 'input' | 'output', suffix = ''): SchemaSet {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [name, schema] of namedSchemas()) {
    ids.set(schema, `${name}${suffix}`);
    registry.add(schema, { id: `${name}${suffix}` });
  }
  return {
    use(schema, id) {
      const known = ids.get(schema);
      if (known) return refTo(known);
      ids.set(schema, id);
      registry.add(schema, { id });
      return refTo(id);
    },
    components() {
      const out = z.toJSONSchema(registry, {
        io,
        target: 'draft-2020-12',
        unrepresentable: 'any',
        uri: (id) => `#/components/schemas/${id}`,
        override: describeUnrepresentable,
      });
      const components: Record<string, JsonSchema> = {};
      for (const [id, schema] of Object.entries(out.schemas)) {
        // Every component sits in the one document: its own $schema and $id would move the base of its refs.
        const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
        components[id] = rest;
      }
      return components;
    },
  };
}

/** The component ids a value refers to, anywhere inside it. */
function refsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) into.add(v.slice('#/components/schemas/'.length));
      else refsIn(v, into);
    }
  }
}

/** Keeps only the components reachable from `roots` (the shared ones a pass never used go). */
export function reachable(roots: unknown, components: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const queue = new Set<string>();
  refsIn(roots, queue);
  while (queue.size) {
    const [id] = queue;
    queue.delete(id!);
    if (seen.has(id!) || !components[id!]) continue;
    seen.add(id!);
    refsIn(components[id!], queue);
  }
  return Object.fromEntries(Object.keys(components).filter((id) => seen.has(id)).sort().map((id) => [id, components[id]!]));
}

/** Every $ref in the document that names no component (a generator bug the tests look for). */
export function danglingRefs(doc: { components: { schemas: Record<string, JsonSchema> } }): string[] {
  const refs = new Set<string>();
  refsIn(doc, refs);
  return [...refs].filter((id) => !doc.components.schemas[id]);
}

/**
 * A shared schema reads the same as a request and as an answer unless it has defaults: such an
 * `X.Input` twin is folded into `X` (or simply named `X` when only requests use it), so the
 * document shows one `Id`, one `ScheduleInput`. Optimistic fixed point: twins that differ once
 * their own references are folded stay apart.
 */
export function foldInputTwins<T extends { components: { schemas: Record<string, JsonSchema> } }>(doc: T): T {
  const schemas = doc.components.schemas;
  const folded = new Set(Object.keys(schemas).filter((id) => /^[^.]+\.Input$/.test(id)).map((id) => id.slice(0, -'.Input'.length)));
  const refPattern = /"#\/components\/schemas\/([^".]+)\.Input"/g;
  const rewrite = (text: string) => text.replace(refPattern, (whole, name: string) => (folded.has(name) ? `"#/components/schemas/${name}"` : whole));
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of folded) {
      if (schemas[name] && rewrite(JSON.stringify(schemas[`${name}.Input`])) !== rewrite(JSON.stringify(schemas[name]))) {
        folded.delete(name);
        changed = true;
      }
    }
  }
  const out = JSON.parse(rewrite(JSON.stringify(doc))) as T;
  for (const name of folded) {
    const twin = out.components.schemas[`${name}.Input`]!;
    delete out.components.schemas[`${name}.Input`];
    out.components.schemas[name] ??= twin;
  }
  out.components.schemas = Object.fromEntries(Object.entries(out.components.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return out;
}
