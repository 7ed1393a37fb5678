/**
 * The contract is put together from one map per feature (shared/contract/features/<f>.ts). An
 * object spread would let a channel declared by two features silently take the later one's
 * schemas, so the maps are merged here instead, and a name declared twice stops the app (and
 * every test) at load time, naming both features.
 */

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/** What composing `groups` gives: every group's keys, with their own types. */
export type Composed<G extends Record<string, object>> = Flatten<UnionToIntersection<G[keyof G]>>;

/**
 * Merges `groups` (feature name → its map) into one map, refusing a name that two features
 * declare. `kind` says what the names are ("channel", "event") in the error.
 */
export function composeOnce<const G extends Record<string, object>>(kind: string, groups: G): Composed<G> {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [feature, map] of Object.entries(groups)) {
    for (const [name, value] of Object.entries(map)) {
      const first = owner.get(name);
      if (first !== undefined) {
        throw new Error(`The ${kind} "${name}" is declared twice, by feature "${first}" and by feature "${feature}". Each ${kind} belongs to one feature: rename or remove one of them.`);
      }
      owner.set(name, feature);
      out[name] = value;
    }
  }
  return out as Composed<G>;
}
