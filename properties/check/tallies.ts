/**
 * What a check counts over its exploring runs (runs, commands, divergences,
 * and per guarantee its violations, witnesses and unjudged runs), as a
 * {@link RunFold}: the same fold in one thread and in worker threads.
 *
 * @module
 */
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { RunFold } from "./runFold.ts"

/** The counts of a check's exploring runs (mutable: the fold adds to them). */
export interface Tallies {
  runs: number
  commands: number
  divergedRuns: number
  /** Runs that violated each guarantee. */
  readonly violated: Map<GuaranteeId, number>
  /** Runs that witnessed each guarantee's `sometimes`. */
  readonly witnessed: Map<GuaranteeId, number>
  /** Runs that could not judge each guarantee for some group, and the reason the first of them gave. */
  readonly notJudged: Map<GuaranteeId, { runs: number; reason: string }>
}

const bump = (counts: Map<GuaranteeId, number>, id: GuaranteeId, n: number): void => {
  counts.set(id, (counts.get(id) ?? 0) + n)
}

const notJudgedAdd = (tallies: Tallies, id: GuaranteeId, runs: number, reason: string): void => {
  const seen = tallies.notJudged.get(id)
  if (seen === undefined) tallies.notJudged.set(id, { runs, reason })
  else seen.runs += runs
}

/** Counts every run into {@link Tallies}; merging keeps the earlier runs' not-judged reason. */
export const talliesFold: RunFold<Tallies> = {
  init: () => ({ runs: 0, commands: 0, divergedRuns: 0, violated: new Map(), witnessed: new Map(), notJudged: new Map() }),
  add: (tallies, run, verdicts) => {
    tallies.runs += 1
    tallies.commands += run.commands.length
    if (verdicts.divergence !== undefined) tallies.divergedRuns += 1
    for (const violation of verdicts.violations) bump(tallies.violated, violation.guarantee, 1)
    for (const id of verdicts.witnessed) bump(tallies.witnessed, id, 1)
    for (const entry of verdicts.notJudged) notJudgedAdd(tallies, entry.guarantee, 1, entry.reason)
  },
  merge: (tallies, later) => {
    tallies.runs += later.runs
    tallies.commands += later.commands
    tallies.divergedRuns += later.divergedRuns
    for (const [id, n] of later.violated) bump(tallies.violated, id, n)
    for (const [id, n] of later.witnessed) bump(tallies.witnessed, id, n)
    for (const [id, entry] of later.notJudged) notJudgedAdd(tallies, id, entry.runs, entry.reason)
  }
}
