/**
 * `qsem brokers`: checks every real broker in every setting and writes what
 * it found, guarantee by guarantee, into the results file the docs' "Real
 * brokers" matrix is rendered from, with a counterexample trace for every
 * violation. A check stops at its first failing run, so a row is checked
 * again without each guarantee found violated, until a check passes.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import * as Schema from "effect/Schema"
import type { BrokerTarget } from "../../brokers/brokerTarget.ts"
import { checkTarget } from "../../properties/check/checkTarget.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { encodeTraceText } from "../../properties/trace/traceFile.ts"
import { catalogue } from "../../spec/catalogue.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { Config } from "../../spec/config.ts"
import { applicabilityOf } from "../internal/applicability.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { guaranteeById } from "../../spec/catalogue.ts"
import { profileConfigName } from "../brokerTargets.ts"
import { runCrashScenario } from "./crashScenario.ts"
import { type BrokerCell, BrokerResults, type BrokerRow, brokerTracesDirectory } from "./results.ts"

/** How the matrix is checked. */
export interface MatrixOptions {
  readonly runs: number
  readonly seed: number
  /** The package root: traces are written under it, and named relative to it. */
  readonly root: string
  readonly onLine: (line: string) => void
}

/** Real milliseconds a broker gets per answer: a restart boots a server. */
const answerTimeoutMs = 60_000

/** The guarantees a config lets runs exercise, in catalogue order. */
const applicableTo = (config: Config): ReadonlyArray<GuaranteeId> => applicabilityOf(catalogue.map((g) => g.id), config).applicable

/** The trace file of a row's violation of a guarantee, relative to the root: `traces/brokers/redis-streams-rdb-QueueNoLossUnderAtLeastOnce.json`. */
export const brokerTraceFile = (target: string, guarantee: string): string =>
  `${brokerTracesDirectory}/${target.replace(/[^A-Za-z0-9-]/g, "-")}-${guarantee}.json`

/** Checks one broker setting (its server already prepared): its row of the matrix. */
export const checkBrokerRow = async (target: BrokerTarget, options: MatrixOptions): Promise<BrokerRow> => {
  const { profile } = target
  const config = exampleConfig(profileConfigName(target))
  const cells: Record<string, BrokerCell> = {}
  for (const id of catalogue.map((g) => g.id)) {
    const reason = profile.notApplicable[id] ?? notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config)
    if (reason !== undefined) cells[id] = { _tag: "NotApplicable", reason }
  }
  let remaining = applicableTo(config).filter((id) => !(id in profile.notApplicable))
  let conformance = profile.conformance === "lockstep"
  let divergedRuns = 0
  let runs = 0
  while (remaining.length > 0) {
    options.onLine(`  ${target.name}: checking ${remaining.length} guarantees, ${options.runs} runs${conformance ? "" : ", guarantees only"}`)
    const report = await checkTarget({
      target,
      config,
      runs: options.runs,
      seed: options.seed,
      conformance,
      guarantees: remaining,
      answerTimeoutMs,
      shrinkAttemptsMax: 20,
      minimizeAttemptsMax: 20
    })
    divergedRuns += report.divergedRuns
    runs += report.runsDone
    const trace = report.failure
    if (trace === undefined) {
      for (const tally of report.tallies) {
        if (!tally.applicable) continue
        cells[tally.guarantee.id] = { _tag: "Held", runs: report.runsDone, witnessedRuns: tally.witnessedRuns, notJudgedRuns: tally.notJudgedRuns }
      }
      break
    }
    if (trace.verdict._tag === "Diverged") {
      if (trace.verdict.targetFailed === true) throw new Error(`${target.name} failed: ${trace.verdict.message}`)
      // A lockstep profile that diverged: the row is judged on its guarantees from here, and the docs say it diverged.
      options.onLine(`  ${target.name}: diverged from the model at step ${trace.verdict.step + 1}: ${trace.verdict.message}`)
      conformance = false
      continue
    }
    const { guarantee, step, message } = trace.verdict
    const file = brokerTraceFile(target.name, guarantee)
    fs.mkdirSync(path.join(options.root, brokerTracesDirectory), { recursive: true })
    fs.writeFileSync(path.join(options.root, file), encodeTraceText(trace))
    const tally = report.tallies.find((t) => t.guarantee.id === guarantee)
    cells[guarantee] = { _tag: "Violated", runs: report.runsDone, violatedRuns: tally?.violatedRuns ?? 1, step, message, trace: file }
    options.onLine(`  ${target.name}: ${guarantee} VIOLATED (${file})`)
    remaining = remaining.filter((id) => id !== guarantee)
  }
  options.onLine(`  ${target.name}: the crash scenario`)
  const crash = await Effect.runPromise(runCrashScenario(target, config, answerTimeoutMs))
  return {
    target: target.name,
    broker: profile.broker,
    setting: profile.setting,
    server: profile.server,
    conformance: conformance ? "lockstep" : "guarantees-only",
    runsPerCheck: options.runs,
    seed: options.seed,
    divergedRuns,
    runs,
    cells,
    crash
  }
}

/** The columns of the matrix: every guarantee some row judged (held or violated), in catalogue order. */
export const matrixColumns = (rows: ReadonlyArray<BrokerRow>): ReadonlyArray<string> =>
  catalogue.map((g) => g.id).filter((id) => rows.some((row) => row.cells[id] !== undefined && row.cells[id]._tag !== "NotApplicable"))

/** The results file's text for these rows. */
export const resultsText = (rows: ReadonlyArray<BrokerRow>): string =>
  `${JSON.stringify(Schema.encodeSync(BrokerResults)({ guarantees: matrixColumns(rows), rows }), null, 2)}\n`
