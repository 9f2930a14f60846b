/**
 * `qsem check`: model-based checking of a target, with a readable summary.
 *
 * @module
 */
import * as fs from "node:fs"
import { performance } from "node:perf_hooks"
import type { Config } from "../../spec/config.ts"
import { configDefault } from "../../spec/config.ts"
import { checkTarget, type CheckReport, type GuaranteeTally } from "../../properties/check/checkTarget.ts"
import { notesOf } from "../../properties/replay/replayTrace.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { formatVerdict } from "../../properties/format/verdict.ts"
import { writeTraceFile } from "../../properties/trace/traceFile.ts"
import { parseArgs } from "../args.ts"
import { readConfigFile } from "../configFile.ts"
import { isTargetName, resolveTarget } from "../targets.ts"
import { UsageError } from "../usageError.ts"

/** Usage text of `qsem check`. */
export const checkUsage = `qsem check [--target builtin|model|mutant:<name>|<module path>] [--runs N] [--seed S]
           [--commands-max N] [--config FILE] [--traces DIR] [--guarantees-only] [--answer-timeout MS]
  Generates runs, executes them in lockstep on the target and the model, checks every guarantee,
  prints a summary, and saves a shrunk counterexample to DIR (default traces/) when one fails.
  --guarantees-only: a divergence from the model does not fail a run (for targets whose answers
  may legitimately differ, such as a real broker); the guarantees are still checked on its history.
  --answer-timeout MS: real milliseconds to wait for an answer that does not come at once (default
  10000); once the target hung, later runs (shrinking included) give it 4 times its slowest answer
  so far, at least 100 ms.`

const describeConfig = (config: Config): string => {
  const topics = config.topics.map((t) => `${t.name}(${t.partitions})`).join(" ")
  const groups = config.groups.map((g) => `${g.name} [${g.mode}, ${g.assignor}: ${g.topics.join(" ")}]`).join(", ")
  return `topics ${topics}; groups ${groups}; session timeout ${config.sessionTimeoutMs}ms`
}

const tallyRow = (tally: GuaranteeTally, runs: number): [string, string, string, string] => {
  const covers = tally.guarantee.holdsUnder.join(", ")
  if (!tally.applicable) return [tally.guarantee.id, covers, "n/a", "no group of that mode"]
  const always = tally.violatedRuns > 0 ? `VIOLATED in ${tally.violatedRuns}` : "held"
  const sometimes = tally.witnessedRuns > 0 ? `witnessed in ${tally.witnessedRuns}/${runs} runs` : "NOT WITNESSED"
  return [tally.guarantee.id, covers, always, sometimes]
}

/** The summary table of a report. */
export const formatSummary = (report: CheckReport): string => {
  const rows = [["guarantee", "covers", "always", "sometimes"], ...report.tallies.map((t) => tallyRow(t, report.runsDone))]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)))
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ")).join("\n")
}

/** The most runs `--runs` accepts. */
export const runsMax = 10_000_000

/** The most commands per run `--commands-max` accepts. */
export const commandsMaxLimit = 100_000

const countIn = (flag: string, value: number, min: number, max: number): number => {
  if (value < min || value > max) throw new UsageError({ message: `flag ${flag} takes a number from ${min} to ${max.toLocaleString("en-US")}, not ${value}` })
  return value
}

/** The most milliseconds `--answer-timeout` accepts: one hour. */
export const answerTimeoutMsMax = 3_600_000

/** `--answer-timeout MS` of `qsem check` and `qsem replay`, checked; undefined for the default. */
export const answerTimeoutOf = (counts: ReadonlyMap<string, number>): number | undefined => {
  const given = counts.get("answer-timeout")
  return given === undefined ? undefined : countIn("--answer-timeout", given, 1, answerTimeoutMsMax)
}

/** Whether any guarantee can apply: some consumer group exists. */
const hasConsumerGroups = (config: Config): boolean => config.groups.length > 0

/** Runs `qsem check`; returns the exit code. */
export const runCheck = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("check", argv, {
    target: "string",
    runs: "count",
    seed: "count",
    "commands-max": "count",
    config: "string",
    traces: "string",
    "guarantees-only": "switch",
    "answer-timeout": "count"
  })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument "${args.positionals[0]}" for 'qsem check'` })
  const targetSpec = args.strings.get("target") ?? "builtin"
  const target = await resolveTarget(targetSpec)
  const config = args.strings.has("config") ? readConfigFile(args.strings.get("config") as string) : configDefault
  const runs = countIn("--runs", args.counts.get("runs") ?? 200, 1, runsMax)
  const seed = args.counts.get("seed") ?? (Date.now() % 2_147_483_647)
  const commandsMax = countIn("--commands-max", args.counts.get("commands-max") ?? config.bounds.commandsMax, 1, commandsMaxLimit)
  const tracesDir = args.strings.get("traces") ?? "traces"
  if (fs.existsSync(tracesDir) && !fs.statSync(tracesDir).isDirectory()) {
    throw new UsageError({ message: `--traces ${tracesDir} is not a directory` })
  }
  const conformance = !args.switches.has("guarantees-only")
  const answerTimeoutMs = answerTimeoutOf(args.counts)
  if (!hasConsumerGroups(config)) {
    throw new UsageError({ message: "nothing to check: the config has no consumer group, so no guarantee applies" })
  }

  print(
    `qsem check: target ${target.name}, seed ${seed}, ${runs} runs of up to ${commandsMax} commands (+ drain)${
      conformance ? "" : ", guarantees only"
    }`
  )
  print(`config: ${describeConfig(config)}`)
  const started = performance.now()
  const tty = process.stdout.isTTY === true
  const step = Math.max(1, Math.floor(runs / 10))
  const report = await checkTarget({
    target,
    config,
    runs,
    seed,
    commandsMax,
    conformance,
    answerTimeoutMs,
    onProgress: ({ runsDone, commandsRun }) => {
      if (!tty && runsDone % step !== 0 && runsDone !== runs) return
      const seconds = (performance.now() - started) / 1000
      const rate = Math.round(commandsRun / Math.max(seconds, 1e-3)).toLocaleString("en-US")
      const line = `  runs ${runsDone}/${runs} · ${commandsRun.toLocaleString("en-US")} commands · ${rate} commands/s`
      if (tty) process.stdout.write(`\r${line}`)
      else print(line)
    }
  })
  if (tty) process.stdout.write("\n")
  print("")
  print(formatSummary(report))
  print(
    `conformance: ${report.divergedRuns} of ${report.runsDone} runs diverged from the model${
      conformance ? "" : " (not a failure with --guarantees-only)"
    }`
  )

  if (report.failure !== undefined) {
    const trace = report.failure
    print("")
    print(`FAILED: ${formatVerdict(trace.verdict)}`)
    print(
      report.nondeterministic
        ? `the failure did not happen again when rerun: the target is nondeterministic; the original run (${trace.commands.length} commands, not shrunk):`
        : `shrunk counterexample (${trace.commands.length} commands):`
    )
    print(formatStepTable({
      commands: trace.commands,
      actual: trace.actual,
      expected: trace.expected,
      notes: report.failureVerdicts === undefined ? undefined : notesOf(report.failureVerdicts)
    }))
    const file = writeTraceFile(tracesDir, trace)
    const named = isTargetName(targetSpec) ? "" : ` --target ${targetSpec}`
    print(`saved ${file}; replay it with: npx qsem replay ${file}${named}`)
    return 1
  }
  const unwitnessed = report.tallies.filter((t) => t.applicable && t.witnessedRuns === 0)
  if (unwitnessed.length > 0) {
    print(
      `NOT WITNESSED: ${unwitnessed.map((t) => t.guarantee.id).join(", ")} held only vacuously: raise --runs or ` +
        "--commands-max, or check that the config lets the case happen (each guarantee's `sometimes` in docs/semantics.md)"
    )
    return 1
  }
  print(`all ${report.tallies.filter((t) => t.applicable).length} applicable guarantees held and were witnessed`)
  return 0
}
