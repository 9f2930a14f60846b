/**
 * `qsem check`: model-based checking of a target, with a readable summary.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import type { Config } from "../../spec/config.ts"
import { configDefault, configLimits } from "../../spec/config.ts"
import { checkTarget, type CheckReport, type GuaranteeTally } from "../../properties/check/checkTarget.ts"
import { notesOf } from "../../properties/replay/replayTrace.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { formatVerdict } from "../../properties/format/verdict.ts"
import { soakArbitrary, soakCommandsMaxDefault, soakRunsDefault, soakSegmentLength } from "../../properties/soak.ts"
import { formatRunStats, runStatsAdd, runStatsInit } from "../../properties/stats/index.ts"
import { writeTraceFile } from "../../properties/trace/traceFile.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { guaranteeById } from "../../spec/catalogue.ts"
import { parseArgs } from "../args.ts"
import { parseGuaranteeList } from "../guaranteeList.ts"
import { parseSeed, seedFromClock } from "../seed.ts"
import { readConfigFile } from "../configFile.ts"
import { ensureTracesDirectoryWritable } from "../internal/tracesDirectory.ts"
import { isTargetName, resolveTarget } from "../targets.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { UsageError } from "../usageError.ts"

export { checkUsage } from "./checkUsage.ts"

const describeConfig = (config: Config): string => {
  const topics = config.topics.map((t) => `${t.name}(${t.partitions})`).join(" ")
  const groups = config.groups.map((g) => `${g.name} [${g.mode}, ${g.assignor}: ${g.topics.join(" ")}]`).join(", ")
  return `topics ${topics}; groups ${groups}; session timeout ${config.sessionTimeoutMs}ms`
}

/** Whether the config accepts that this tally's guarantee was never witnessed (it is in `witnessesOptional`). */
const witnessAccepted = (tally: GuaranteeTally, config: Config): boolean =>
  tally.applicable && tally.witnessedRuns === 0 && (config.witnessesOptional ?? []).includes(tally.guarantee.id)

const tallyRow = (tally: GuaranteeTally, runs: number, config: Config): [string, string, string, string] => {
  const covers = tally.guarantee.holdsUnder.join(", ")
  if (!tally.applicable) return [tally.guarantee.id, covers, "n/a", tally.notApplicableReason ?? "not applicable"]
  const always = tally.violatedRuns > 0 ? `VIOLATED in ${tally.violatedRuns}` : "held"
  const sometimes = tally.witnessedRuns > 0
    ? `witnessed in ${tally.witnessedRuns}/${runs} runs`
    : witnessAccepted(tally, config)
    ? "not witnessed (accepted by the config)"
    : "NOT WITNESSED"
  return [tally.guarantee.id, covers, always, sometimes]
}

/**
 * The summary table of a report: one row per guarantee, with why it is n/a,
 * or whether it held and was witnessed (or not witnessed, as `config`'s
 * `witnessesOptional` accepts).
 */
export const formatSummary = (report: CheckReport, config: Config): string => {
  const rows = [["guarantee", "covers", "always", "sometimes"], ...report.tallies.map((t) => tallyRow(t, report.runsDone, config))]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)))
  return rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ")).join("\n")
}

/** The most runs `--runs` accepts. */
export const runsMax = 10_000_000

/** The most commands per run `--commands-max` accepts: the same limit as a config's `bounds.commandsMax`. */
export const commandsMaxLimit = configLimits.commandsMax

const countIn = (flag: string, value: number, min: number, max: number): number => {
  if (value < min || value > max) throw new UsageError({ message: `flag ${flag} takes a number from ${min} to ${max.toLocaleString("en-US")}, not ${value}` })
  return value
}

/** Whether any guarantee can apply: some consumer group exists. */
const hasConsumerGroups = (config: Config): boolean => config.groups.length > 0

/** Runs `qsem check`; returns the exit code. */
export const runCheck = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("check", argv, {
    target: "string",
    runs: "count",
    seed: "string",
    "commands-max": "count",
    config: "string",
    traces: "string",
    guarantees: "string",
    "guarantees-only": "switch",
    stats: "switch",
    soak: "switch"
  })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem check'` })
  const targetSpec = args.strings.get("target") ?? "builtin"
  const target = await resolveTarget(targetSpec)
  const config = args.strings.has("config") ? readConfigFile(args.strings.get("config") as string) : configDefault
  const soak = args.switches.has("soak")
  const runs = countIn("--runs", args.counts.get("runs") ?? (soak ? soakRunsDefault : 200), 1, runsMax)
  const seed = args.strings.has("seed") ? parseSeed(args.strings.get("seed") as string) : seedFromClock(Date.now())
  const guarantees = args.strings.has("guarantees") ? parseGuaranteeList(args.strings.get("guarantees") as string) : undefined
  const commandsMax = countIn(
    "--commands-max",
    args.counts.get("commands-max") ?? (soak ? soakCommandsMaxDefault : config.bounds.commandsMax),
    1,
    commandsMaxLimit
  )
  const stats = args.switches.has("stats") ? runStatsInit(config) : undefined
  const tracesDir = args.strings.get("traces") ?? "traces"
  ensureTracesDirectoryWritable(tracesDir)
  const conformance = !args.switches.has("guarantees-only")
  if (!hasConsumerGroups(config)) {
    throw new UsageError({ message: "nothing to check: the config has no consumer group, so no guarantee applies" })
  }
  if (guarantees !== undefined) {
    const reasons = guarantees.map((id) => notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config))
    if (reasons.every((reason) => reason !== undefined)) {
      throw new UsageError({
        message: `nothing to check: ${guarantees.map((id, i) => `${id} ${reasons[i]}`).join("; ")}`
      })
    }
  }

  print(
    `qsem check: target ${target.name}, seed ${seed}, ${runs} ${soak ? "soak " : ""}runs of up to ${commandsMax} commands (+ drain)${
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
    guarantees,
    choices: soak ? soakArbitrary(commandsMax) : undefined,
    onRun: stats === undefined ? undefined : (run, verdicts, choices) => runStatsAdd(stats, run, verdicts, choices.length),
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
  print(formatSummary(report, config))
  print(
    `conformance: ${report.divergedRuns} of ${report.runsDone} runs diverged from the model${
      conformance ? "" : " (not a failure with --guarantees-only)"
    }`
  )
  if (stats !== undefined) print(`\n${formatRunStats(stats)}`)

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
  const unwitnessed = report.tallies.filter((t) => t.applicable && t.witnessedRuns === 0 && !witnessAccepted(t, config))
  if (unwitnessed.length > 0) {
    print(
      `NOT WITNESSED: ${unwitnessed.map((t) => t.guarantee.id).join(", ")} held only vacuously: raise --runs or ` +
        "--commands-max, or check that the config lets the case happen (each guarantee's `sometimes` in docs/semantics.md)"
    )
    return 1
  }
  const applicable = report.tallies.filter((t) => t.applicable).length
  const accepted = report.tallies.filter((t) => witnessAccepted(t, config)).map((t) => t.guarantee.id)
  print(
    accepted.length === 0
      ? `all ${applicable} applicable guarantees held and were witnessed`
      : `all ${applicable} applicable guarantees held; ${applicable - accepted.length} were witnessed, and ${accepted.join(", ")} ` +
        `${accepted.length === 1 ? "was" : "were"} not, which the config accepts (witnessesOptional)`
  )
  return 0
}
