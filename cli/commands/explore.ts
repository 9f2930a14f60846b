/**
 * `qsem explore`: the bounded breadth-first explorer of the model, with a
 * readable summary and the shortest counterexamples saved as traces.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import { DeliveryMode } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { conformPaths } from "../../properties/explore/conformPaths.ts"
import { exploreOnThreads, type ExploreReport, type ExploreTally } from "../../properties/explore/explore.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { formatVerdict } from "../../properties/format/verdict.ts"
import { encodeTraceText } from "../../properties/trace/traceFile.ts"
import { parseArgs } from "../args.ts"
import { readConfigFile } from "../configFile.ts"
import { countIn } from "../countFlags.ts"
import { parseGuaranteeList } from "../guaranteeList.ts"
import { applicabilityOf } from "../internal/applicability.ts"
import { shellWord } from "../internal/shellWord.ts"
import { ensureTracesDirectoryWritable } from "../internal/tracesDirectory.ts"
import { cores, exploreStatesPerThread, workersFromEnvironment, workersMax } from "../internal/workersDefault.ts"
import { isBuiltinTargetName, resolveTarget } from "../targets.ts"
import { UsageError } from "../usageError.ts"
import { exploreDepthDefault, exploreStatesMaxDefault, exploreTargetPathsMaxDefault } from "./exploreUsage.ts"
import * as fs from "node:fs"
import * as path from "node:path"
import type { Trace } from "../../spec/trace.ts"

export { exploreUsage } from "./exploreUsage.ts"

/** The entry of a judging worker thread: `../..` from this module is the package root, from its sources and from the bundle alike. */
const workerEntry = new URL("../../cli/internal/exploreWorker.mjs", import.meta.url)

/** The deepest `--depth` accepted. */
const depthLimit = 1_000

/** The most states `--states-max` accepts. */
const statesLimit = 100_000_000

const count = (n: number): string => n.toLocaleString("en-US")

const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? "" : "s"}`

const coversOf = (tally: ExploreTally): string =>
  DeliveryMode.literals.every((mode) => tally.guarantee.holdsUnder.includes(mode)) ? "every mode" : tally.guarantee.holdsUnder.join(", ")

const rowOf = (tally: ExploreTally, depth: number): Array<string> => {
  const judged = tally.judged
  if (judged === undefined) return [tally.guarantee.id, coversOf(tally), "n/a", tally.notApplicableReason ?? "not applicable"]
  const unjudged = judged.notJudgedPaths === 0 ? "" : ` (not judged on ${count(judged.notJudgedPaths)})`
  const always = judged.firstViolation !== undefined
    ? `VIOLATED on ${count(judged.violatedPaths)} of ${plural(judged.paths, "path")}: shortest ${plural(judged.firstViolation.path.choices.length, "command")}${unjudged}`
    : `held on ${plural(judged.paths, "path")}${unjudged}`
  const sometimes = judged.witnessLength === undefined
    ? `not reached within ${plural(depth, "command")}`
    : `reached: shortest ${plural(judged.witnessLength, "command")} (${count(judged.witnessedPaths)} paths)`
  return [tally.guarantee.id, coversOf(tally), always, sometimes]
}

/**
 * The per-guarantee table of an exploration: each applicable guarantee held
 * or violated on the judged paths, and its shortest witness; then one line
 * naming the guarantees that do not apply to the config (`qsem check` says why).
 */
export const formatExploreTable = (report: ExploreReport, depth: number): string => {
  const header = ["guarantee", "covers", "always (judged paths)", "sometimes"]
  const applicable = report.tallies.filter((tally) => tally.judged !== undefined)
  const notApplicable = report.tallies.filter((tally) => tally.judged === undefined).map((tally) => tally.guarantee.id)
  const rows = [header, ...applicable.map((tally) => rowOf(tally, depth))]
  const last = header.length - 1
  const widths = header.map((_, i) => rows.reduce((widest, row) => Math.max(widest, row[i].length), 0))
  const table = rows.map((row) => row.map((cell, i) => (i < last ? cell.padEnd(widths[i]) : cell)).join("  ")).join("\n")
  return notApplicable.length === 0 ? table : `${table}\nnot applicable to this config (qsem check says why): ${notApplicable.join(", ")}`
}

/** The file a counterexample of the explorer is saved under: `<guarantee>-explore.json`. */
export const exploreTraceFileName = (trace: Trace): string =>
  `${trace.verdict._tag === "GuaranteeViolated" ? trace.verdict.guarantee : "Divergence"}-explore.json`

/**
 * A shortest counterexample as printed: its verdict, its length before the
 * drain, and its steps with the violation marked.
 */
export const formatCounterexample = (trace: Trace): Array<string> => {
  const length = trace.choices?.length ?? 0
  const verdict = trace.verdict
  const note = verdict._tag === "GuaranteeViolated" ? `${verdict.guarantee} violated: ${verdict.message}` : `first divergence: ${verdict.message}`
  return [
    `shortest counterexample: ${formatVerdict(verdict)}`,
    `${plural(length, "command")} before the drain, then a drain of every group (${plural(trace.commands.length - length, "command")})`,
    formatStepTable({
      commands: trace.commands,
      actual: trace.actual,
      expected: trace.expected,
      notes: new Map([[verdict.step, [note]]]),
      drainStart: length
    })
  ]
}

/** How far the search went: complete to the depth, every reachable state, or stopped at the states bound. */
const reachOf = (report: ExploreReport, depth: number): string => {
  const { exploration } = report
  if (exploration.exhausted) return `every reachable state (none beyond depth ${exploration.depthReached})`
  if (exploration.truncated) return `stopped at the states bound, at depth ${exploration.depthReached}: some states within ${plural(depth, "command")} are missing`
  return `every state within ${plural(depth, "command")}`
}

/** Runs `qsem explore`; returns the exit code. */
export const runExplore = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("explore", argv, {
    config: "string",
    depth: "count",
    "states-max": "count",
    "judge-max": "count",
    guarantees: "string",
    traces: "string",
    target: "string",
    "target-paths-max": "count",
    workers: "count"
  })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem explore'` })
  const configFile = args.strings.get("config")
  const config = configFile === undefined ? configDefault : readConfigFile(configFile)
  const depth = countIn("--depth", args.counts.get("depth") ?? exploreDepthDefault, 0, depthLimit)
  const statesMax = countIn("--states-max", args.counts.get("states-max") ?? exploreStatesMaxDefault, 1, statesLimit)
  const judgeMax = args.counts.has("judge-max") ? countIn("--judge-max", args.counts.get("judge-max") as number, 0, statesLimit) : undefined
  const guarantees = args.strings.has("guarantees") ? parseGuaranteeList(args.strings.get("guarantees") as string) : undefined
  if (guarantees !== undefined) {
    const noneApplies = applicabilityOf(guarantees, config).noneApplies
    if (noneApplies !== undefined) throw new UsageError({ message: `nothing to judge: ${noneApplies}` })
  }
  const tracesDir = args.strings.get("traces") ?? "traces"
  // Before the search, as qsem check does: a directory that cannot hold a counterexample is said at once.
  ensureTracesDirectoryWritable(tracesDir)
  const targetSpec = args.strings.get("target")
  const targetPathsMax = countIn("--target-paths-max", args.counts.get("target-paths-max") ?? exploreTargetPathsMaxDefault, 1, statesLimit)
  if (targetSpec === undefined && args.counts.has("target-paths-max")) throw new UsageError({ message: "--target-paths-max needs --target" })
  // Threads given (the flag or QSEM_WORKERS): a thousand paths per thread; else every core, 30,000 per thread.
  const threadsGiven = args.counts.get("workers") ?? workersFromEnvironment()
  const threads = countIn("--workers", threadsGiven ?? cores(), 1, workersMax)
  const statesPerThreadMin = threadsGiven === undefined ? exploreStatesPerThread : undefined
  const target = targetSpec === undefined ? undefined : await resolveTarget(targetSpec)

  print(`qsem explore: ${configFile === undefined ? "the default config" : `config ${configFile}`}, depth up to ${depth}, up to ${plural(statesMax, "state")}`)
  const report = await exploreOnThreads(
    { config, depthMax: depth, statesMax, guarantees, judgeStatesMax: judgeMax, clockMs: () => performance.now() },
    { threads, entry: workerEntry, statesPerThreadMin }
  )
  const { exploration } = report
  // The times and the rate depend on the clock: shown on a terminal only, so the same exploration
  // prints the same bytes into a file or a pipe.
  const timed = process.stdout.isTTY === true
  const totalMs = report.totalMs ?? 0
  const searchMs = Math.max(totalMs - (report.judgeMs ?? 0), 1e-3)
  const rate = Math.round(exploration.states / (searchMs / 1000))
  print(
    `explored ${plural(exploration.states, "distinct state")} and ${plural(exploration.transitions, "transition")}, depth ${exploration.depthReached} reached (${
      reachOf(report, depth)
    })${timed ? `, in ${(searchMs / 1000).toFixed(2)} s${report.searchThreads > 1 ? ` on ${report.searchThreads} threads` : ""}: ${count(rate)} states/s` : ""}`
  )
  const judgedHow = [
    ...(timed ? [`in ${((report.judgeMs ?? 0) / 1000).toFixed(2)} s`] : []),
    ...(report.judgeThreads > 1 ? [`on ${report.judgeThreads} threads`] : [])
  ].map((part) => ` ${part}`).join("")
  const judgedIn = judgedHow === "" ? "" : `,${judgedHow}`
  print(
    report.statesJudged === exploration.states
      ? `judged every explored state's path, with the standard drain appended${judgedIn}`
      : `judged the paths of the first ${plural(report.statesJudged, "state")} of ${count(exploration.states)} (breadth-first: the shortest first), with the standard drain appended${judgedIn}`
  )
  if (report.searchThreadsNote !== undefined) print(`note: ${report.searchThreadsNote}`)
  if (report.threadsNote !== undefined) print(`note: ${report.threadsNote}`)
  print("")
  print(formatExploreTable(report, depth))
  const conformance = target === undefined ? undefined : await conformPaths({
    target,
    config,
    tree: exploration.tree,
    pathsMax: judgeMax,
    sampleSize: targetPathsMax,
    guarantees: report.tallies.filter((tally) => tally.judged !== undefined).map((tally) => tally.guarantee.id)
  })
  if (target !== undefined && conformance !== undefined) {
    print("")
    print(
      `conformance of ${target.name}: ${
        conformance.pathsRun === conformance.pathsOffered
          ? plural(conformance.pathsRun, "explored path")
          : `a sample of ${count(conformance.pathsRun)} of ${plural(conformance.pathsOffered, "judged path")} (evenly spread over breadth-first order, --target-paths-max)`
      } run in lockstep with the model (${plural(conformance.commandsRun, "command")}, drains included): ${
        count(conformance.divergedPaths)
      } diverged, ${count(conformance.violatedPaths)} violated a guarantee`
    )
  }
  if (report.counterexamples.length === 0 && conformance?.failure === undefined) return 0
  for (const trace of report.counterexamples) {
    print("")
    for (const line of formatCounterexample(trace)) print(line)
    fs.mkdirSync(tracesDir, { recursive: true })
    const file = path.join(tracesDir, exploreTraceFileName(trace))
    fs.writeFileSync(file, encodeTraceText(trace))
    print(`saved ${file}; replay it with: npx qsem replay ${shellWord(file)}`)
  }
  const failure = conformance?.failure
  if (failure !== undefined && targetSpec !== undefined) {
    print("")
    for (const line of formatCounterexample(failure)) print(line.replace(/^shortest counterexample:/, `shortest failing path of ${failure.target}:`))
    fs.mkdirSync(tracesDir, { recursive: true })
    const file = path.join(tracesDir, exploreTraceFileName(failure).replace(/\.json$/, `-${failure.target.replace(/[^\w.-]+/g, "_")}.json`))
    fs.writeFileSync(file, encodeTraceText(failure))
    const named = isBuiltinTargetName(targetSpec) ? "" : ` --target ${shellWord(targetSpec)}`
    print(`saved ${file}; replay it with: npx qsem replay ${shellWord(file)}${named}`)
  }
  return 1
}
