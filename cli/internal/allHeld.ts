/**
 * The closing line of a `qsem check` where every applicable guarantee held,
 * in plain English for one guarantee as for many.
 *
 * @internal
 * @module
 */

const guarantees = (n: number): string => (n === 1 ? "the 1 applicable guarantee" : `all ${n} applicable guarantees`)

/**
 * `all 9 applicable guarantees held and were witnessed`, or, when the config
 * accepts some witnesses never seen (`accepted`, by id), which ones.
 *
 * @example
 * ```ts
 * formatAllHeld(1, []) // "the 1 applicable guarantee held and was witnessed"
 * formatAllHeld(6, ["A", "B"]) // "all 6 applicable guarantees held; 4 were witnessed, and A, B were not, which the config accepts (witnessesOptional)"
 * ```
 */
export const formatAllHeld = (applicable: number, accepted: ReadonlyArray<string>): string => {
  if (accepted.length === 0) return `${guarantees(applicable)} held and ${applicable === 1 ? "was" : "were"} witnessed`
  const witnessed = applicable - accepted.length
  const notWitnessed = `${accepted.join(", ")} ${accepted.length === 1 ? "was" : "were"} not`
  return witnessed === 0
    ? `${guarantees(applicable)} held; ${notWitnessed} witnessed, which the config accepts (witnessesOptional)`
    : `${guarantees(applicable)} held; ${witnessed} ${witnessed === 1 ? "was" : "were"} witnessed, and ${notWitnessed}, which the config accepts (witnessesOptional)`
}
