/**
 * The real brokers' results file (`docs/brokers/results.json`): what
 * `qsem brokers` found per broker and setting, guarantee by guarantee, and
 * what a broker crash left. The docs' "Real brokers" matrix is rendered from
 * it, so `npm run docs` needs no running broker.
 *
 * @module
 */
import * as Schema from "effect/Schema"

/** What the checks of one broker setting found for one guarantee. */
export const BrokerCell = Schema.Union([
  /** Held in every judged run, and witnessed in `witnessedRuns` of them (0: held only vacuously). */
  Schema.TaggedStruct("Held", { runs: Schema.Number, witnessedRuns: Schema.Number, notJudgedRuns: Schema.Number }),
  /** Violated: the one-line violation of the shrunk counterexample, and its trace file (relative to the package root). */
  Schema.TaggedStruct("Violated", { runs: Schema.Number, violatedRuns: Schema.Number, step: Schema.Number, message: Schema.String, trace: Schema.String }),
  /** The broker has no such feature (its profile says why), or the config cannot exercise it. */
  Schema.TaggedStruct("NotApplicable", { reason: Schema.String })
])
/** @see {@link BrokerCell} */
export type BrokerCell = typeof BrokerCell.Type

/** What a crash left: acknowledged sends before a SIGKILL restart, and which of them a full drain after it still found. */
export const CrashOutcome = Schema.Struct({
  /** Sends the broker acknowledged before the restart (their message ids). */
  acknowledged: Schema.Array(Schema.Number),
  /** Of those, the ones no receive after the restart returned. */
  lost: Schema.Array(Schema.Number)
})
/** @see {@link CrashOutcome} */
export type CrashOutcome = typeof CrashOutcome.Type

/** One row of the matrix: a broker with one setting. */
export const BrokerRow = Schema.Struct({
  /** The `--target` value: "redis-streams:aof-everysec". */
  target: Schema.String,
  broker: Schema.String,
  setting: Schema.String,
  server: Schema.String,
  conformance: Schema.Literals(["lockstep", "guarantees-only"]),
  /** Runs per check of this row (`qsem brokers --runs`), and its seed. */
  runsPerCheck: Schema.Number,
  seed: Schema.Number,
  /** Runs that diverged from the model's answers, over all the checks of this row. */
  divergedRuns: Schema.Number,
  runs: Schema.Number,
  cells: Schema.Record(Schema.String, BrokerCell),
  crash: CrashOutcome
})
/** @see {@link BrokerRow} */
export type BrokerRow = typeof BrokerRow.Type

/** The whole file: one row per broker setting. */
export const BrokerResults = Schema.Struct({
  /** The guarantees the matrix has a column for, in catalogue order. */
  guarantees: Schema.Array(Schema.String),
  rows: Schema.Array(BrokerRow)
})
/** @see {@link BrokerResults} */
export type BrokerResults = typeof BrokerResults.Type

/** The results file, relative to the package root. */
export const brokerResultsFile = "docs/brokers/results.json"

/** The folder of the real brokers' counterexamples, relative to the package root. */
export const brokerTracesDirectory = "traces/brokers"
