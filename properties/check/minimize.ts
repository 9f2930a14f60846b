/**
 * Minimizing a counterexample after fast-check's shrink: delta debugging
 * over its choices, lowering the fields of what is left, and the smallest
 * final drain that keeps the verdict, so that no single choice of the result
 * can be dropped.
 *
 * @module
 */
import type { Choice } from "../choice.ts"
import { ddmin } from "./internal/ddmin.ts"

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
   * The choices of the program without its command at `index` (the commands
   * after it unchanged), or `undefined` when the generator cannot express
   * that (see `internal/dropCommand.ts`). Absent: only choices are dropped.
   */
  readonly dropCommand?: ((choices: ReadonlyArray<Choice>, index: number) => ReadonlyArray<Choice> | undefined) | undefined
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
 * 2. ddmin over the choices (drop chunks of halving size, then single choices),
 *    then single commands with the commands after them kept (`dropCommand`);
 * 3. each field of each remaining choice lowered to 0 where the failure stays
 *    (simpler commands: the first kinds, the first member, topic, key...);
 * 4. a smaller drain again, and ddmin again after any change, until nothing
 *    changes.
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

  /** Drops single commands, the later ones kept as they were; whether one went (undefined once the budget is spent). */
  const dropCommands = async (): Promise<boolean | undefined> => {
    if (options.dropCommand === undefined) return false
    let changed = false
    for (let i = best.choices.length - 1; i >= 0; i--) {
      if (i >= best.choices.length) continue
      const choices = options.dropCommand(best.choices, i)
      if (choices === undefined || choices.length !== best.choices.length - 1) continue
      const answer = await attempt({ choices, drainGroups: best.drainGroups })
      if (answer === undefined) return undefined
      changed ||= answer
    }
    return changed
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
    const drainGroups = best.drainGroups
    const reduced = await ddmin(best.choices, (choices) => attempt({ choices, drainGroups }))
    oneMinimal = reduced.oneMinimal
    if (!oneMinimal) break
    const dropped = await dropCommands()
    if (dropped === undefined) {
      oneMinimal = false
      break
    }
    const lowered = await lowerFields()
    const drained = await smallerDrain()
    if (!dropped && !lowered && !drained) break
    if (attempts >= attemptsMax) {
      oneMinimal = false
      break
    }
  }
  return { candidate: best, failing, attempts, oneMinimal }
}
