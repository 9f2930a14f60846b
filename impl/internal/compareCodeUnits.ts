/**
 * Plain string order: by UTF-16 code unit, as JavaScript's `<` compares
 * (not `localeCompare`), the order the spec's sorted listings use.
 *
 * @module
 */

/** Negative when `a` sorts before `b`, positive after, 0 when equal. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
