/**
 * Soak runs: long choice sequences (thousands of commands in one broker) for
 * bugs that need many polls, commits or rebalances, built as a sequence of
 * fixed-length segments that do not shrink inside, so fast-check's shrinker
 * only removes whole segments and a failing soak run shrinks in a few dozen
 * reruns rather than thousands.
 *
 * @module
 */
import * as fc from "fast-check"
import type { Choice } from "./choice.ts"
import { choiceArbitrary } from "./choice.ts"

export { soakCommandsMaxDefault, soakRunsDefault, soakSegmentLength } from "./soakSizes.ts"
import { soakCommandsMaxDefault, soakSegmentLength } from "./soakSizes.ts"

/**
 * Choice sequences of up to `commandsMax` choices, cut into segments of
 * `segmentLength` (the last one shorter when `commandsMax` is not a multiple).
 * Lengths spread over the whole range (most runs are long); shrinking removes
 * whole segments and never touches a segment's choices.
 *
 * @example
 * ```ts
 * await checkTarget({ target, config, runs: 20, seed, choices: soakArbitrary(4000) })
 * ```
 */
export const soakArbitrary = (
  commandsMax: number = soakCommandsMaxDefault,
  segmentLength: number = soakSegmentLength
): fc.Arbitrary<ReadonlyArray<Choice>> => {
  const length = Math.max(1, Math.min(segmentLength, commandsMax))
  const segmentsMax = Math.ceil(commandsMax / length)
  const segment = fc.noShrink(fc.array(choiceArbitrary, { minLength: length, maxLength: length }))
  return fc.array(segment, { minLength: 1, maxLength: segmentsMax, size: "max" })
    .map((segments) => segments.flat().slice(0, commandsMax))
}
