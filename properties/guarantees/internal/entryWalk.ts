/**
 * One walk over a history with one replay, shared by the `always` checks
 * that look at the replay before each entry (the state the entry acts on):
 * each is an {@link EntryCheck}, built per history, asked about every entry
 * until it finds its violation. `evaluateRun` walks every such check of a
 * run together (a replay walk per run instead of one per checker); a
 * checker's own `always` walks its check alone ({@link alwaysByEntry}), so
 * both give the same violation. A check only reads the replay (a group or
 * client it asks for that no answer named yet is made empty and not
 * running, as the replay makes them, which no other check can tell apart
 * from absent).
 *
 * @module
 */
import type { Config, History, HistoryEntry } from "../../../spec/index.ts"
import type { Violation } from "../check.ts"
import { Replay } from "./replay.ts"

/** What an `always` check says about one entry, given the replay before it: its violation, or `undefined` to go on. */
export type EntryCheck = (entry: HistoryEntry, step: number, replay: Replay) => Violation | undefined

/** Builds a checker's {@link EntryCheck} for one history (with whatever it derives from the whole history first). */
export type EntryCheckOf = (history: History, config: Config) => EntryCheck

/**
 * Each check's first violation, in the order of `checks`, from one walk
 * with one replay: every entry is shown to each check that has found none
 * yet, then applied.
 */
export const firstViolationsOf = (history: History, config: Config, checks: ReadonlyArray<EntryCheck>): Array<Violation | undefined> => {
  const found = new Array<Violation | undefined>(checks.length).fill(undefined)
  let open = checks.length
  const replay = new Replay(config)
  for (let step = 0; step < history.length && open > 0; step++) {
    const entry = history[step]
    for (let i = 0; i < checks.length; i++) {
      if (found[i] !== undefined) continue
      const violation = checks[i](entry, step, replay)
      if (violation === undefined) continue
      found[i] = violation
      open -= 1
    }
    replay.apply(entry, step)
  }
  return found
}

/** The `always` of a checker whose check is `entryCheckOf`: its check walked alone. */
export const alwaysByEntry = (entryCheckOf: EntryCheckOf) => (history: History, config: Config): Violation | undefined =>
  firstViolationsOf(history, config, [entryCheckOf(history, config)])[0]
