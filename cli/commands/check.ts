/**
 * `qsem check`: model-based checking of a target, with a readable summary.
 *
 * @module
 */
import { performance } from "node:perf_hooks"
import type { Config } from "../../spec/config.ts"
import { configDefault, configLimits, DeliveryMode } from "../../spec/config.ts"
import { checkTarget, type CheckReport, type GuaranteeTally } from "../../properties/check/checkTarget.ts"
import { notesOf } from "../../properties/replay/replayTrace.ts"
import { formatStepTable } from "../../properties/format/stepTable.ts"
import { formatVerdict, formatVerdictList } from "../../properties/format/verdict.ts"
import { soakCommandsMaxDefault, soakRunsDefault } from "../../properties/soak.ts"
import { formatIdleMembers, formatLag, formatPartitionLoad, formatQueueTraffic, formatRetries, formatRunStats } from "../../properties/stats/index.ts"
import type { Verdict } from "../../spec/trace.ts"
import { writeTraceFile } from "../../properties/trace/traceFile.ts"
import { catalogue } from "../../spec/catalogue.ts"
import { parseArgs } from "../args.ts"
import { answerTimeoutOf, countIn } from "../countFlags.ts"
import { parseGuaranteeList } from "../guaranteeList.ts"
import { parseSeed, seedFromClock } from "../seed.ts"
import { readConfigFile } from "../configFile.ts"
import { ensureTracesDirectoryWritable } from "../internal/tracesDirectory.ts"
import { shellWord } from "../internal/shellWord.ts"
import { applicabilityOf } from "../internal/applicability.ts"
import { checkWorkersDefault, isInMemoryTarget, workersMax } from "../internal/workersDefault.ts"
import { keepsStateAcrossRuns, replayInFreshProcess } from "../internal/freshReplay.ts"
import { isBuiltinTargetName, resolveTarget } from "../targets.ts"
import { brokerAddressOf, brokerTargetNames, isBrokerTarget, prepareBroker, profileConfigName, refuseUnreachable } from "../brokerTargets.ts"
import type { BrokerTarget } from "../../brokers/brokerTarget.ts"
import { exampleConfig } from "../../properties/exampleConfigs.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { formatAllHeld } from "../internal/allHeld.ts"
import { checkFactsFold, type CheckFacts, type CheckFactsData } from "../internal/checkFactsFold.ts"
import { UsageError } from "../usageError.ts"

export { checkUsage } from "./checkUsage.ts"

const retentionOf = (topic: Config["topics"][number]): string => {
  const parts = [
    ...(topic.retentionMs === undefined ? [] : [`${topic.retentionMs}ms`]),
    ...(topic.retentionRecordsMax === undefined ? [] : [`${topic.retentionRecordsMax} records`])
  ]
  return parts.length === 0 ? "" : `, retention ${parts.join(" and ")}`
}

const failureOf = (group: Config["groups"][number]): string => {
  const failure = group.failure
  if (failure === undefined) return ""
  const policy = failure.policy === "none" ? "; no failure policy (retries forever)" : `; ${failure.attemptsMax} attempts, then ${failure.deadLetterTopic}`
  return `${policy}${failure.breaker === undefined ? "" : `, breaker (${failure.breaker.whileOpen} while open)`}`
}

const describeConfig = (config: Config): string => {
  const topics = config.topics.map((t) => `${t.name}(${t.partitions}${retentionOf(t)})`).join(" ")
  const groups = config.groups.map((g) => `${g.name} [${g.mode}, ${g.assignor}: ${g.topics.join(" ")}${failureOf(g)}${
    g.autoOffsetReset === undefined ? "" : `; reset ${g.autoOffsetReset}`
  }]`).join(", ")
  const queues = (config.queues ?? []).map((q) =>
    `${q.name} [${q.mode}${q.fifo === true ? ", fifo" : ""}, visibility ${q.visibilityTimeoutMs}ms${
      q.deadLetterQueue === undefined ? "" : `, dead letters to ${q.deadLetterQueue} after ${q.receiveCountMax} receives`
    }]`).join(", ")
  const parts = [
    ...(topics === "" ? [] : [`topics ${topics}`]),
    ...(groups === "" ? [] : [`groups ${groups}`]),
    ...(queues === "" ? [] : [`queues ${queues}`])
  ]
  return `${parts.join("; ")}; session timeout ${config.sessionTimeoutMs}ms`
}

/** Whether the config accepts that this tally's guarantee was never witnessed (it is in `witnessesOptional`). */
const witnessAccepted = (tally: GuaranteeTally, config: Config): boolean =>
  tally.applicable && tally.witnessedRuns === 0 && (config.witnessesOptional ?? []).includes(tally.guarantee.id)

/**
 * What a counterexample that does not violate a guarantee says of it: held,
 * or not judged (the groups its history does not show drained, or a run cut
 * short by a failing target).
 */
const counterexampleHeld = (tally: GuaranteeTally, report: CheckReport): string => {
  const notJudged = report.failureVerdicts?.notJudged.find((entry) => entry.guarantee === tally.guarantee.id)
  if (notJudged === undefined) return "held"
  return report.failureVerdicts?.targetFailed === true ? "not judged: cut short" : `not judged: ${notJudged.groups.join(", ")} not drained`
}

/** The modes a guarantee covers, as the table's `covers` column says it: "every mode" when it covers all of them. */
const coversOf = (tally: GuaranteeTally): string =>
  DeliveryMode.literals.every((mode) => tally.guarantee.holdsUnder.includes(mode)) ? "every mode" : tally.guarantee.holdsUnder.join(", ")

const tallyRow = (tally: GuaranteeTally, report: CheckReport, config: Config): Array<string> => {
  const covers = coversOf(tally)
  const runs = report.runsDone
  const failed = report.failure !== undefined
  const violation = report.failureVerdicts?.violations.find((v) => v.guarantee === tally.guarantee.id)
  // A guarantee that does not apply to the config is not judged on the counterexample either: n/a, not "held".
  const counterexample = failed
    ? [violation !== undefined ? `VIOLATED at step ${violation.step + 1}` : tally.applicable ? counterexampleHeld(tally, report) : "n/a"]
    : []
  if (!tally.applicable) return [tally.guarantee.id, covers, "n/a", tally.notApplicableReason ?? "not applicable", ...counterexample]
  // Runs whose drain did not show some group drained did not judge it: say so rather than "held".
  const unjudged = tally.notJudgedRuns === 0 ? "" : ` (not judged in ${tally.notJudgedRuns} of ${runs})`
  const always = tally.violatedRuns > 0
    ? `VIOLATED in ${tally.violatedRuns} of ${runs} runs${unjudged}`
    : tally.notJudgedRuns === runs
    ? `NOT JUDGED in ${runs} of ${runs} runs`
    : `held${unjudged}`
  // A check that stopped at its first failure has not looked for every witness yet.
  const sometimes = tally.witnessedRuns > 0
    ? `witnessed in ${tally.witnessedRuns}/${runs} runs`
    : witnessAccepted(tally, config)
    ? "not witnessed (accepted by the config)"
    : failed
    ? "not witnessed yet"
    : "NOT WITNESSED"
  return [tally.guarantee.id, covers, always, sometimes, ...counterexample]
}

/**
 * The summary table of a report: per guarantee, what the explored runs
 * showed (held or violated in how many runs, witnessed in how many) and,
 * after a failure, what the shrunk counterexample does, in a column of its
 * own (so a guarantee that held in the explored runs but is broken by the
 * counterexample reads as both). A guarantee that does not apply says why;
 * one the config's `witnessesOptional` lists may stay unwitnessed.
 */
export const formatSummary = (report: CheckReport, config: Config): string => {
  const failed = report.failure !== undefined
  const header = ["guarantee", "covers", "always (explored runs)", "sometimes", ...(failed ? ["counterexample"] : [])]
  const rows = [header, ...report.tallies.map((t) => tallyRow(t, report, config))]
  const last = header.length - 1
  const widths = header.map((_, i) => rows.reduce((widest, row) => Math.max(widest, row[i].length), 0))
  return rows.map((row) => row.map((cell, i) => (i < last ? cell.padEnd(widths[i]) : cell)).join("  ")).join("\n")
}

/** One line per guarantee that some explored run could not judge for some group, with the first such run's reason. */
export const formatNotJudged = (report: CheckReport): Array<string> =>
  report.tallies
    .filter((tally) => tally.notJudgedRuns > 0)
    .map((tally) =>
      `not judged in ${tally.notJudgedRuns} of ${report.runsDone} runs: ${tally.guarantee.id} (first such run: ${tally.notJudgedReason})`
    )

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`

/** How much was explored: every run, or the runs up to the first failure. */
const formatExplored = (report: CheckReport): string =>
  report.failure === undefined
    ? `explored ${plural(report.runsDone, "run")}`
    : `explored ${plural(report.runsDone, "run")}: the first failure came at run ${report.runsDone}, after ${report.runsDone - 1} that passed`

/** The headline (the verdict the counterexample is named after), every verdict of the counterexample, and how it was cut down. */
const formatFailure = (report: CheckReport, conformance: boolean): Array<string> => {
  const trace = report.failure
  if (trace === undefined) return []
  const lines = [`FAILED: ${formatVerdict(trace.verdict)}`]
  const verdicts = report.failureVerdicts
  if (verdicts !== undefined) {
    const all: Array<Verdict> = [...(verdicts.divergence === undefined ? [] : [verdicts.divergence]), ...verdicts.violations]
    lines.push(`the counterexample's verdicts, by step${conformance ? "" : " (its divergence is not a failure with --guarantees-only)"}:`)
    for (const line of formatVerdictList(all)) lines.push(`  ${line}`)
  }
  const before = report.failureDrainStart ?? trace.commands.length
  const drain = trace.commands.length - before
  const drained = trace.drainGroups === undefined
    ? `a drain of every group (${plural(drain, "command")})`
    : trace.drainGroups.length === 0
    ? "no drain"
    : `a drain of ${trace.drainGroups.join(", ")} only (${plural(drain, "command")})`
  const stats = report.minimization
  if (report.nondeterministic) {
    lines.push(`the failure did not happen again when rerun: the target is nondeterministic; the original run (${plural(trace.commands.length, "command")}, not shrunk):`)
  } else if (report.failureDrainStart === undefined) {
    lines.push(`counterexample: ${plural(trace.commands.length, "command")}, cut short where the target failed (no drain)`)
  } else {
    const how = stats === undefined
      ? ""
      : ` (the failing run had ${stats.lengthExplored}; fast-check's shrink left ${stats.lengthShrunk} in ${plural(stats.shrinkAttempts, "run")}, delta debugging ${stats.lengthMinimized} in ${plural(stats.minimizeAttempts, "run")}${
        stats.oneMinimal ? ": no single command can be dropped" : ", out of budget: it may not be minimal"
      })`
    lines.push(`counterexample: ${plural(before, "command")} before the drain${how}, then ${drained}`)
  }
  return lines
}

/** The most runs `--runs` accepts. */
const runsMax = 10_000_000

/** The most commands per run `--commands-max` accepts: the same limit as a config's `bounds.commandsMax`. */
const commandsMaxLimit = configLimits.commandsMax

/** The entry of a worker thread: `../..` from this module is the package root, from its sources and from the bundle alike. */
const workerEntry = new URL("../../cli/internal/checkWorker.mjs", import.meta.url)

// Without --workers, for the in-memory targets a thread per 300,000 commands the runs may have, and for the
// others every core, at most every core (cli/internal/workersDefault.ts): a worker thread's start-up and
// warm-up cost more than it saves on a smaller check (`npm run bench`, "parallel", measures it). Each
// thread folds its runs' tallies and facts itself and sends back a summary per chunk of runs.

/** The runs fast-check's shrink, and then the minimizer, may each spend on a real broker's counterexample: 20 (a run takes about a second). */
const brokerShrinkAttemptsMax = 20

/** The answer timeout of a real broker's checks without `--answer-timeout`: 60 s (a restart boots a server). */
const brokerAnswerTimeoutMs = 60_000

/** What a check of a real broker says before its runs: the setting, how it is judged, and what does not apply. */
const brokerLines = (broker: BrokerTarget, conformance: boolean, asked: boolean, guarantees: ReadonlyArray<string> | undefined): Array<string> => {
  const { profile } = broker
  const lines = [`broker: ${profile.broker} (${profile.server}), setting ${profile.setting}`]
  if (!conformance && !asked) lines.push(`judged on its guarantees only: its profile says its answers may differ from the model's (${profile.differences.length} documented differences)`)
  for (const [id, reason] of Object.entries(profile.notApplicable)) {
    if (guarantees === undefined || guarantees.includes(id)) lines.push(`not applicable to ${profile.broker}: ${id}: ${reason}`)
  }
  return lines
}

/** Whether the config has consumers of some kind: a consumer group, or a queue. */
const hasConsumers = (config: Config): boolean => config.groups.length > 0 || (config.queues?.length ?? 0) > 0

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
    soak: "switch",
    "answer-timeout": "count",
    workers: "count",
    "broker-address": "string"
  })
  if (args.positionals.length > 0) throw new UsageError({ message: `unexpected argument ${quoteInput(args.positionals[0])} for 'qsem check'` })
  const targetSpec = args.strings.get("target") ?? "builtin"
  const brokerAddress = brokerAddressOf(args.strings.get("broker-address"))
  const target = await resolveTarget(targetSpec, brokerAddress)
  const broker = isBrokerTarget(target) ? target : undefined
  if (broker === undefined && args.strings.has("broker-address")) {
    throw new UsageError({ message: `--broker-address applies to a real broker target (${brokerTargetNames().join(", ")}), not ${quoteInput(targetSpec)}` })
  }
  // A real broker runs its own config by default: the default config has topics, which its adapter refuses.
  const configChosen = args.strings.has("config")
    ? readConfigFile(args.strings.get("config") as string)
    : broker === undefined
    ? configDefault
    : exampleConfig(profileConfigName(broker))
  // A server the user runs is not qsem's to kill: its runs have no BrokerRestart.
  const restartsDropped = broker !== undefined && brokerAddress !== undefined && configChosen.brokerRestarts === true
  const config: Config = restartsDropped ? { ...configChosen, brokerRestarts: false } : configChosen
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

  const tracesDir = args.strings.get("traces") ?? "traces"
  ensureTracesDirectoryWritable(tracesDir)
  // A broker whose answers may differ from the model's (its profile says why) is judged on its guarantees only.
  const conformance = !args.switches.has("guarantees-only") && broker?.profile.conformance !== "guarantees-only"
  // A real broker's restart takes seconds of real time (RabbitMQ boots Erlang): a minute per answer by default.
  const answerTimeoutMs = answerTimeoutOf(args.counts) ?? (broker === undefined ? undefined : brokerAnswerTimeoutMs)
  // A real broker is one server: runs go one at a time, in this thread.
  const workers = broker === undefined ? countIn("--workers", args.counts.get("workers") ?? checkWorkersDefault(runs, commandsMax, targetSpec), 1, workersMax) : 1
  if (!hasConsumers(config)) {
    throw new UsageError({ message: "nothing to check: the config has no consumer group and no queue, so no guarantee applies" })
  }
  // Every asked guarantee (the whole catalogue by default) n/a: a check would pass having judged nothing.
  // A broker's profile takes out the guarantees its broker has no feature for (printed with why, below).
  const notForBroker = broker === undefined ? {} : broker.profile.notApplicable
  const asked = (guarantees ?? catalogue.map((guarantee) => guarantee.id)).filter((id) => !(id in notForBroker))
  const applicability = applicabilityOf(asked, config)
  if (applicability.noneApplies !== undefined) throw new UsageError({ message: `nothing to check: ${applicability.noneApplies}` })
  if (broker !== undefined) await refuseUnreachable(broker, brokerAddress)
  // Printed by every check, after the table (and the run statistics with --stats): folded as the runs go,
  // in the thread that ran them, one pass over each run's answers.
  const factsData: CheckFactsData = { statsGuarantees: args.switches.has("stats") ? applicability.applicable : undefined }

  print(
    `qsem check: target ${target.name}, seed ${seed}, ${runs} ${soak ? "soak " : ""}${runs === 1 ? "run" : "runs"} of up to ${commandsMax} commands (+ drain)${
      conformance ? "" : ", guarantees only"
    }${Math.min(workers, runs) > 1 ? `, on ${Math.min(workers, runs)} threads` : ""}`
  )
  print(`config: ${describeConfig(config)}`)
  if (broker !== undefined) {
    for (const line of brokerLines(broker, conformance, args.switches.has("guarantees-only"), guarantees)) print(line)
    if (restartsDropped) print("no BrokerRestart in these runs: the server at --broker-address is not one qsem started")
    await prepareBroker(broker)
  }
  try {
    return await checkPrepared()
  } finally {
    await broker?.close()
  }

  async function checkPrepared(): Promise<number> {
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
      guarantees: broker === undefined ? guarantees : asked,
      parallel: { workers, entry: workerEntry, targetSpec, soak, foldData: factsData },
      onNote: (line) => print(`note: ${line}`),
      fold: checkFactsFold(config, factsData),
      answerTimeoutMs,
      // A real broker's run takes about a second: a small shrinking budget (a counterexample may stay longer than minimal).
      ...(broker === undefined ? {} : { shrinkAttemptsMax: brokerShrinkAttemptsMax, minimizeAttemptsMax: brokerShrinkAttemptsMax }),
      // The same seed prints the same bytes when stdout is not a terminal (a file, a pipe, a CI log): a line
      // every tenth of the runs, without the rate, which depends on the clock. On a terminal, one line
      // rewritten in place, with the rate.
      onProgress: ({ runsDone, commandsRun }) => {
        if (!tty && runsDone % step !== 0 && runsDone !== runs) return
        const line = `  runs ${runsDone}/${runs} · ${commandsRun.toLocaleString("en-US")} commands`
        if (!tty) return print(line)
        const seconds = (performance.now() - started) / 1000
        const rate = Math.round(commandsRun / Math.max(seconds, 1e-3)).toLocaleString("en-US")
        process.stdout.write(`\r${line} · ${rate} commands/s`)
      },
      onShrinkProgress: ({ attempt, length }) => {
        // On a TTY one line rewritten in place; otherwise a line at the first attempt (shrinking began) and
        // at attempts 8, 16, 32, 64...: a count, not the clock, so the same seed prints the same lines.
        if (!tty && attempt !== 1 && (attempt < 8 || (attempt & (attempt - 1)) !== 0)) return
        const line = `  shrinking: attempt ${attempt}, counterexample of ${plural(length, "command")} (+ drain)`
        if (tty) process.stdout.write(`\r\x1b[K${line}`)
        else print(line)
      }
    })
    if (tty) process.stdout.write("\n")
    // Present: the check was given a fold.
    const { partitionLoad, idleMembers, queueTraffic, lag, retries, stats } = report.folded as CheckFacts
    print("")
    print(formatExplored(report))
    print(formatSummary(report, config))
    print(
      `conformance: ${report.divergedRuns} of ${report.runsDone} runs diverged from the model${
        conformance ? "" : " (not a failure with --guarantees-only)"
      }`
    )
    for (const line of formatNotJudged(report)) print(line)
    // The partition facts are about groups; a config of queues only has none.
    if (config.groups.length > 0) {
      print(formatPartitionLoad(partitionLoad))
      print(formatIdleMembers(idleMembers))
    }
    const queueTrafficLine = formatQueueTraffic(queueTraffic, config)
    if (queueTrafficLine !== undefined) print(queueTrafficLine)
    print(formatLag(lag))
    const retriesLines = formatRetries(retries)
    if (retriesLines !== undefined) print(retriesLines)
    if (stats !== undefined) print(`\n${formatRunStats(stats)}`)

    if (report.failure !== undefined) {
      const trace = report.failure
      print("")
      for (const line of formatFailure(report, conformance)) print(line)
      print(formatStepTable({
        commands: trace.commands,
        actual: trace.actual,
        expected: trace.expected,
        notes: report.failureVerdicts === undefined ? undefined : notesOf(report.failureVerdicts),
        drainStart: report.failureDrainStart
      }))
      const file = writeTraceFile(tracesDir, trace)
      const named = isBuiltinTargetName(targetSpec) ? "" : ` --target ${shellWord(targetSpec)}`
      // The replay judges what this check judged.
      const judged = `${guarantees === undefined ? "" : ` --guarantees ${guarantees.join(",")}`}${conformance ? "" : " --guarantees-only"}${
        answerTimeoutMs === undefined || broker !== undefined ? "" : ` --answer-timeout ${answerTimeoutMs}`
      }`
      print(`saved ${file}; replay it with: npx qsem replay ${shellWord(file)}${named}${judged}`)
      if (!report.nondeterministic && keepsStateAcrossRuns(targetSpec, isInMemoryTarget(targetSpec), broker !== undefined)) {
        const replayArgs = [
          ...(isBuiltinTargetName(targetSpec) ? [] : ["--target", targetSpec]),
          ...(guarantees === undefined ? [] : ["--guarantees", guarantees.join(",")]),
          ...(conformance ? [] : ["--guarantees-only"]),
          ...(answerTimeoutMs === undefined ? [] : ["--answer-timeout", String(answerTimeoutMs)])
        ]
        print("confirming the trace with qsem replay on a fresh target (a process of its own)...")
        // Each command may take up to the answer timeout; a minute at least.
        const allowedMs = Math.max(60_000, (trace.commands.length + 1) * (answerTimeoutMs ?? 10_000))
        const fresh = await replayInFreshProcess(file, replayArgs, allowedMs)
        if (fresh._tag === "Fails") {
          print("confirmed: the trace fails on a fresh target too")
        } else if (fresh._tag === "Passes") {
          print(
            "note: this trace PASSES when qsem replay runs it on a fresh target, in a process of its own: the target's answers " +
              "depended on the runs before it in this check (does its open reset all of its state?); the failure is real, but this trace " +
              "alone does not reproduce it"
          )
        } else {
          print(`note: qsem replay of this trace on a fresh target neither failed nor passed (${fresh.how}): confirm it by hand`)
        }
      }
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
    print(formatAllHeld(applicable, accepted))
    return 0
  }
}
