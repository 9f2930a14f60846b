/**
 * The choices of exploring run `i` of a check, computed on their own: the
 * same value `fc.check(fc.asyncProperty(arbitrary, ...), { seed })` gives its
 * run `i` (fast-check jumps its generator once per run and generates with a
 * bias that depends on the run's index only), so a worker thread can run any
 * share of a check's runs and get exactly the runs `--workers 1` gets.
 *
 * @module
 */
import * as fc from "fast-check"
import { xorshift128plusOf, type XorShift128Plus } from "./internal/xorshift128plus.ts"

/** fast-check's bias for run `index` (its internal `runIdToFrequency`): 2, plus 1 for every power of ten runs. */
const biasOf = (index: number): number => 2 + Math.trunc(Math.log(index + 1) * 0.4342944819032518)

/** Gives the value of any run of a seed; cheapest when asked in increasing order (each run costs one jump from the last one asked). */
export interface RunChoicesSource<A> {
  readonly at: (index: number) => A
}

/**
 * The values `fc.check` with `seed` generates from `arbitrary`, by run index
 * (from 0). Asking for an index below the last one asked starts over from the
 * seed.
 *
 * @example
 * const source = runChoicesSource(choicesArbitrary(config), 42)
 * source.at(17) // the choices of run 17 of `qsem check --seed 42`
 */
export const runChoicesSource = <A>(arbitrary: fc.Arbitrary<A>, seed: number): RunChoicesSource<A> => {
  let rng: XorShift128Plus = xorshift128plusOf(seed)
  // Jumps done so far: run i is generated after i + 1 jumps.
  let jumped = 0
  return {
    at: (index) => {
      if (jumped > index + 1) {
        rng = xorshift128plusOf(seed)
        jumped = 0
      }
      while (jumped < index + 1) {
        rng.jump()
        jumped += 1
      }
      return arbitrary.generate(new fc.Random(rng), biasOf(index)).value
    }
  }
}
