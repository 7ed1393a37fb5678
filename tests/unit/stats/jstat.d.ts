// jstat 1.9.6 ships no types; the few functions these tests use to cross-check @stdlib.
declare module 'jstat' {
  interface Dist2 { pdf(x: number, a: number, b: number): number; cdf(x: number, a: number, b: number): number }
  interface Dist1 { pdf(x: number, k: number): number; cdf(x: number, k: number): number }
  export const jStat: { beta: Dist2; chisquare: Dist1; betaln(a: number, b: number): number };
}
