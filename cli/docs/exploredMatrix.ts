/**
 * The semantics matrix from exploration rather than sampling: for each
 * delivery mode, one group of that mode on a one-partition topic, every
 * state of the model reachable within a few commands (the explorer of
 * `properties/explore/`, breadth-first, every path judged with the standard
 * drain appended), and whether loss, duplication, reordering and a stale
 * commit are reachable within that bound, with the shortest witness.
 *
 * @module
 */
import type { Config, DeliveryMode } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { explore, type ExploreReport } from "../../properties/explore/explore.ts"
import { paragraph } from "./paragraph.ts"

/** The bounds of the explored configs: one producer, up to two members, one key, polls of up to two records. */
const bounds = { producersMax: 1, membersPerGroupMax: 2, keysMax: 1, recordsPerPollMax: 2, clockAdvanceMsMax: 40_000, commandsMax: 8 }

/** The config explored for `mode`: topic `orders` (1 partition) read by group `app`; exactly-once writes to `results` (1 partition). */
export const exploredConfigOf = (mode: DeliveryMode): Config =>
  mode === "exactly-once"
    ? {
      topics: [{ name: "orders", partitions: 1 }, { name: "results", partitions: 1 }],
      groups: [{ name: "app", mode, assignor: "range", topics: ["orders"], outputTopic: "results" }],
      sessionTimeoutMs: 30_000,
      transactionTimeoutMs: 40_000,
      bounds
    }
    : {
      topics: [{ name: "orders", partitions: 1 }],
      groups: [{ name: "app", mode, assignor: "range", topics: ["orders"] }],
      sessionTimeoutMs: 30_000,
      bounds
    }

/** How deep each mode is explored: 5 commands (then the drain) for the two simple modes, 4 for exactly-once, whose states branch more. */
export const exploredDepths: Readonly<Record<DeliveryMode, number>> = { "at-most-once": 5, "at-least-once": 5, "exactly-once": 4 }

/** One mode's exploration and what it says. */
export interface ExploredMode {
  readonly mode: DeliveryMode
  readonly depth: number
  readonly report: ExploreReport
}

/** Explores every mode to its depth (or to `depthOf(mode)`, for tests). */
export const exploredModes = (depthOf: (mode: DeliveryMode) => number = (mode) => exploredDepths[mode]): ReadonlyArray<ExploredMode> =>
  (["at-most-once", "at-least-once", "exactly-once"] as const).map((mode) => {
    const depth = depthOf(mode)
    return { mode, depth, report: explore({ config: exploredConfigOf(mode), depthMax: depth, statesMax: 1_000_000 }) }
  })

const count = (n: number): string => n.toLocaleString("en-US")

const tallyOf = (explored: ExploredMode, id: GuaranteeId) => explored.report.tallies.find((t) => t.guarantee.id === id)?.judged

/** A claim that must hold: "never (N paths)" when it held on every judged path, else the shortest violation's length. */
const never = (explored: ExploredMode, id: GuaranteeId): string => {
  const tally = tallyOf(explored, id)
  if (tally === undefined) return "n/a"
  if (tally.firstViolation !== undefined) return `**reachable**: \`${id}\` violated in ${count(tally.firstViolation.path.choices.length)} commands`
  return `never (\`${id}\` held on all ${count(tally.paths)} paths)`
}

/** A case that may happen: its shortest witness, or that none was reached within the depth. */
const reachable = (explored: ExploredMode, id: GuaranteeId): string => {
  const tally = tallyOf(explored, id)
  if (tally === undefined) return "n/a"
  return tally.witnessLength === undefined
    ? `not within ${explored.depth} commands (\`${id}\`)`
    : `reachable: shortest ${count(tally.witnessLength)} commands (\`${id}\`)`
}

const lossOf = (explored: ExploredMode): string =>
  explored.mode === "at-most-once" ? reachable(explored, "AtMostOnceCanLose")
  : explored.mode === "at-least-once" ? never(explored, "NoLossUnderAtLeastOnce")
  : never(explored, "ExactlyOnceWithinTheBroker")

const duplicateOf = (explored: ExploredMode): string =>
  explored.mode === "at-most-once" ? never(explored, "NoDuplicateUnderAtMostOnce")
  : explored.mode === "at-least-once" ? reachable(explored, "AtLeastOnceCanDuplicate")
  : never(explored, "ExactlyOnceWithinTheBroker")

/** The subsection's lines (Markdown). */
export const exploredMatrixSection = (modes: ReadonlyArray<ExploredMode> = exploredModes()): ReadonlyArray<string> => [
  "### Within small bounds, exhaustively",
  "",
  ...paragraph(
    "The same claims, checked on every path rather than on samples: `qsem explore` walks the model breadth-first from its initial state " +
      "through every distinct command the generator can produce (the same consumer protocols), keeps each state once by a fingerprint, " +
      "and judges every explored path with the standard drain appended. Each row: one group of the mode reading topic `orders` with one " +
      "partition, one producer, up to two members; paths of up to the given number of commands. For exactly-once a loss or a duplicate is " +
      "an input without, or with two, committed results (`ExactlyOnceWithinTheBroker`)."
  ),
  "| mode | commands | distinct states | transitions | loss | duplicate | reordering within a partition | a stale commit, fenced |",
  "|---|---|---|---|---|---|---|---|",
  ...modes.map((explored) =>
    `| ${explored.mode} | up to ${explored.depth} | ${count(explored.report.exploration.states)} | ${count(explored.report.exploration.transitions)} | ${lossOf(explored)} | ${
      duplicateOf(explored)
    } | ${never(explored, "PartitionOrderPreserved")} | ${reachable(explored, "StaleCommitsAreFenced")} |`
  ),
  "",
  ...paragraph(
    "A bound is a bound: \"never\" means on no path of up to that many commands, the way TLC and stateright report a finished search; " +
      "the sampled table above reaches further, the explored one leaves no gap below its depth. The state counts are pinned in " +
      "`cli/docs/exploredMatrix.test.ts` (at a smaller depth) and in `properties/explore/explore.test.ts`, so a change of the model shows up."
  )
]
