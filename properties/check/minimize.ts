/**
 * Minimizing a counterexample after fast-check's shrink: cutting it after
 * the failure, delta debugging over its commands and then its choices,
 * lowering the fields of what is left, and the smallest final drain that
 * keeps the verdict, so that no single choice of the result can be dropped.
 *
 * @module
 */
import type { Choice } from "../choice.ts"
import { ddmin } from "./internal/ddmin.ts"
import type { ProgramWithout } from "./internal/dropCommand.ts"

/** A program to try: the choices and the groups its drain covers (`undefined`: every group). */
export interface MinimizeCandidate {
  readonly choices: ReadonlyArray<Choice>
  readonly drainGroups: ReadonlyArray<string> | undefined
}

/** How far shrinking has gone: attempts so far and the current counterexample's length (choices, before the drain). */
export interface ShrinkProgress {
  readonly attempt: number
  readonly length: number
}

/** The attempts `minimizeChoices` may spend by default. */
export const minimizeAttemptsMaxDefault = 2_000

/** What the minimizer needs. */
export interface MinimizeOptions<F> {
  /**
   * Runs a candidate and answers its failing run when it fails the same way
   * as the counterexample, else `undefined`.
   */
  readonly fails: (candidate: MinimizeCandidate) => Promise<F | undefined>
  /**
   * The drains to try, smallest first (e.g. none, one group, then every
   * group); the first that keeps the verdict is kept. Absent: the drain of
   * the start candidate is kept.
   */
  readonly drainsToTry?: ReadonlyArray<ReadonlyArray<string> | undefined> | undefined
  /** The most candidates to run; default {@link minimizeAttemptsMaxDefault}. */
  readonly attemptsMax?: number | undefined
  /** Attempts already spent (by an earlier shrink), to number progress on from. */
  readonly attemptsBefore?: number | undefined
  /** Called after each attempt. */
  readonly onProgress?: ((progress: ShrinkProgress) => void) | undefined
  /**
   * For a program, what it is without its commands at the indices in
   * `dropped` (the other commands unchanged): its choices and the indices
   * of the commands kept (a command that cannot stay without the dropped
   * ones goes too), or `undefined` when the generator cannot express that
   * (see `internal/dropCommand.ts`). Absent: only choices are dropped.
   */
  readonly commandDropperOf?: ((choices: ReadonlyArray<Choice>) => (dropped: ReadonlySet<number>) => ProgramWithout | undefined) | undefined
  /**
   * The step (0-based) at which a failing run first shows the failure, or
   * `undefined` when that is in the drain: the minimizer first tries the
   * program cut right after it.
   */
  readonly failureStepOf?: ((failing: F) => number | undefined) | undefined
}

/** The minimized counterexample, its failing run, and what it took. */
export interface MinimizeResult<F> {
  readonly candidate: MinimizeCandidate
  readonly failing: F
  /** Candidates run by the minimizer. */
  readonly attempts: number
  /** No single choice can be dropped (false when the budget ran out first). */
  readonly oneMinimal: boolean
}

const fieldNames = ["action", "a", "b", "c"] as const

const sameDrain = (x: ReadonlyArray<string> | undefined, y: ReadonlyArray<string> | undefined): boolean =>
  x === undefined || y === undefined ? x === y : x.length === y.length && x.every((group, i) => group === y[i])

/**
 * Minimizes `start` (which fails, with failing run `startFailing`):
 *
 * 1. the smallest drain of `drainsToTry` that keeps the failure;
 * 2. the program cut right after the step where the failure shows
 *    (`failureStepOf`): what comes after cannot have caused it;
 * 3. delta debugging over the commands, the kept ones unchanged
 *    (`commandDropperOf`): chunks of halving size, down to single
 *    commands, each with the commands that cannot stay without it;
 * 4. delta debugging over the choices, down to single choices;
 * 5. each field of each remaining choice lowered to 0 where the failure
 *    stays (simpler commands: the first kinds, the first member, topic,
 *    key...);
 * 6. a smaller drain again, and all of it again after any change, until
 *    nothing changes.
 *
 * Deterministic (the same answers give the same attempts) and bounded by
 * `attemptsMax`; the result is 1-minimal unless the budget ran out.
 */
export const minimizeChoices = async <F>(
  start: MinimizeCandidate,
  startFailing: F,
  options: MinimizeOptions<F>
): Promise<MinimizeResult<F>> => {
  const attemptsMax = options.attemptsMax ?? minimizeAttemptsMaxDefault
  let attempts = 0
  let best = start
  let failing = startFailing
  let oneMinimal = false

  /** Tries a candidate: true (and kept) when it fails the same way; undefined once the budget is spent. */
  const attempt = async (candidate: MinimizeCandidate): Promise<boolean | undefined> => {
    if (attempts >= attemptsMax) return undefined
    attempts += 1
    const found = await options.fails(candidate)
    if (found !== undefined) {
      best = candidate
      failing = found
    }
    options.onProgress?.({ attempt: (options.attemptsBefore ?? 0) + attempts, length: best.choices.length })
    return found !== undefined
  }

  /** Keeps the first drain, smaller than the current one, that still fails; whether one was found. */
  const smallerDrain = async (): Promise<boolean> => {
    for (const drainGroups of options.drainsToTry ?? []) {
      if (sameDrain(drainGroups, best.drainGroups)) return false
      const answer = await attempt({ choices: best.choices, drainGroups })
      if (answer === undefined) return false
      if (answer) return true
    }
    return false
  }

  /** The candidate the cut was last tried on (and failed): not tried again until the counterexample changes. */
  let cutFailedOn: MinimizeCandidate | undefined

  /** Cuts the program right after the step where the failure shows; whether it went (undefined once the budget is spent). */
  const cutAfterFailure = async (): Promise<boolean | undefined> => {
    const step = options.failureStepOf?.(failing)
    if (step === undefined || step + 1 >= best.choices.length || best === cutFailedOn) return false
    const tried = best
    const answer = await attempt({ choices: best.choices.slice(0, step + 1), drainGroups: best.drainGroups })
    if (answer === false) cutFailedOn = tried
    return answer
  }

  /**
   * Delta debugging over the commands, the kept ones unchanged; whether any
   * went (undefined once the budget is spent). Every candidate keeps a
   * sublist of the last program that failed, so the dropper is rebuilt on
   * that program after each success: a candidate is then encoded from the
   * checkpoint before its first new drop, not from the first drop ever made.
   */
  const ddminCommands = async (): Promise<boolean | undefined> => {
    const dropperOf = options.commandDropperOf
    if (dropperOf === undefined || best.choices.length < 2) return false
    const drainGroups = best.drainGroups
    const indices = best.choices.map((_, index) => index)
    // The last program that failed: its dropper, and the original index of each of its commands.
    let base = { without: dropperOf(best.choices), kept: indices }
    const reduced = await ddmin(indices, async (candidate) => {
      const keep = new Set(candidate)
      const dropped = new Set<number>()
      base.kept.forEach((index, position) => {
        if (!keep.has(index)) dropped.add(position)
      })
      const found = base.without(dropped)
      if (found === undefined) return false
      const answer = await attempt({ choices: found.choices, drainGroups })
      if (answer !== true) return answer
      const kept = found.kept.map((position) => base.kept[position])
      base = { without: dropperOf(found.choices), kept }
      return kept
    })
    if (!reduced.oneMinimal) return undefined
    return reduced.items.length < indices.length
  }

  const lowerFields = async (): Promise<boolean> => {
    let changed = false
    for (let i = 0; i < best.choices.length; i++) {
      for (const field of fieldNames) {
        const choice = best.choices[i]
        if (choice[field] === 0) continue
        const choices = best.choices.map((c, j) => (j === i ? { ...c, [field]: 0 } : c))
        const answer = await attempt({ choices, drainGroups: best.drainGroups })
        if (answer === undefined) return changed
        changed ||= answer
      }
    }
    return changed
  }

  await smallerDrain()
  for (;;) {
    const cut = await cutAfterFailure()
    const byCommands = cut === undefined ? undefined : await ddminCommands()
    if (byCommands === undefined) {
      oneMinimal = false
      break
    }
    const lengthBefore = best.choices.length
    const drainGroups = best.drainGroups
    const reduced = await ddmin(best.choices, (choices) => attempt({ choices, drainGroups }))
    oneMinimal = reduced.oneMinimal
    if (!oneMinimal) break
    const lowered = await lowerFields()
    const drained = await smallerDrain()
    // Unchanged since the choices' delta debugging ended 1-minimal: done, or, out of budget, still 1-minimal.
    if (!lowered && !drained && (best.choices.length === lengthBefore || attempts >= attemptsMax)) break
    if (attempts >= attemptsMax) {
      oneMinimal = false
      break
    }
  }
  return { candidate: best, failing, attempts, oneMinimal }
}
