/**
 * The one way Loomcast writes a percentage, in the renderer and in the core's words: the number,
 * a space, then the sign ("4.7 %", "+25 %"), as the team's docs and most screens write it.
 */

/** A fraction as a percentage: 0.047 → "4.7 %" (digits after the point: 1 unless asked). */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** A number already in percent, as written: 25 → "25 %". */
export function percentOf(value: string | number): string {
  return `${value} %`;
}
