/**
 * `qsem replay FILE`: reruns a saved trace step by step.
 *
 * @module
 */
import { Effect, Result } from "effect"
import { replayModeOf, replayTrace, type ReplayResult } from "../../properties/replay/replayTrace.ts"
import { formatVerdict } from "../../properties/format/verdict.ts"
import { readTraceFile } from "../../properties/trace/traceFile.ts"
import { escapeControlCharacters, quoteInput } from "../../spec/internal/quoteInput.ts"
import { parseArgs } from "../args.ts"
import { parseGuaranteeList } from "../guaranteeList.ts"
import { applicabilityOf } from "../internal/applicability.ts"
import { answerTimeoutOf } from "../countFlags.ts"
import { isBuiltinTargetName, resolveTarget } from "../targets.ts"
import { UsageError } from "../usageError.ts"
import { brokerAddressOf, isBrokerTarget, prepareBroker, refuseUnreachable } from "../brokerTargets.ts"
import { catalogue } from "../../spec/catalogue.ts"

export { replayUsage } from "./replayUsage.ts"

const modeLine = (result: ReplayResult, hasChoices: boolean, recorded: number): string => {
  switch (result.mode) {
    case "redecoded":
      return result.departure === undefined
        ? `re-decoded its choices against this target: the same ${recorded} commands as recorded`
        : `re-decoded its choices against this target: departs from the recorded commands at step ${result.departure.step + 1} (the first ${result.departure.step} of ${recorded} agree)`
    case "verbatimDrained":
      return `replayed the recorded commands verbatim, then the standard drain${hasChoices ? "" : " (the trace has no choices)"}`
    case "verbatim":
      return hasChoices
        ? "replayed the recorded commands verbatim (--verbatim)"
        : "replayed the recorded commands verbatim (the trace has no choices to re-decode; add --drain to drain every group after them)"
  }
}

/** Runs `qsem replay`; returns the exit code. */
export const runReplay = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("replay", argv, {
    target: "string",
    guarantees: "string",
    "guarantees-only": "switch",
    verbatim: "switch",
    drain: "switch",
    "answer-timeout": "count",
    "broker-address": "string"
  })
  const guaranteesAsked = args.strings.has("guarantees") ? parseGuaranteeList(args.strings.get("guarantees") as string) : undefined
  const answerTimeoutGiven = answerTimeoutOf(args.counts)
  if (args.positionals.length !== 1) {
    throw new UsageError({ message: `'qsem replay' takes exactly one trace file (got ${args.positionals.length})` })
  }
  const file = args.positionals[0]
  const read = await Effect.runPromise(Effect.result(readTraceFile(file)))
  if (Result.isFailure(read)) throw new UsageError({ message: read.failure.message })
  const trace = read.success
  const targetSpec = args.strings.get("target")
  if (targetSpec === undefined && !isBuiltinTargetName(trace.target)) {
    throw new UsageError({
      message: `trace ${quoteInput(file)} was saved from target ${quoteInput(trace.target)}, which is not built into qsem, and a trace file never starts a program or loads a module by itself: name the target with --target (or replay on --target builtin)`
    })
  }
  const brokerAddress = brokerAddressOf(args.strings.get("broker-address"))
  const target = await resolveTarget(targetSpec ?? trace.target, brokerAddress)
  const broker = isBrokerTarget(target) ? target : undefined
  // On a real broker: judged as its check judged it (its profile's conformance, without what does not apply to it).
  const notForBroker = broker?.profile.notApplicable ?? {}
  const guarantees = broker === undefined
    ? guaranteesAsked
    : (guaranteesAsked ?? catalogue.map((guarantee) => guarantee.id)).filter((id) => !(id in notForBroker))
  const answerTimeoutMs = answerTimeoutGiven ?? (broker === undefined ? undefined : 60_000)
  const conformance = !args.switches.has("guarantees-only") && broker?.profile.conformance !== "guarantees-only"
  const noneApplies = guarantees === undefined ? undefined : applicabilityOf(guarantees, trace.config).noneApplies
  if (noneApplies !== undefined) throw new UsageError({ message: `nothing to judge in this trace: ${noneApplies}` })
  const options = { verbatim: args.switches.has("verbatim"), drain: args.switches.has("drain"), lockstep: { answerTimeoutMs }, guarantees }
  const hasChoices = trace.choices !== undefined
  if (options.drain && replayModeOf(trace, options) === "redecoded") {
    throw new UsageError({ message: `--drain applies to a verbatim replay (a re-decoded replay always drains): add --verbatim` })
  }
  if (broker !== undefined) await refuseUnreachable(broker, brokerAddress)
  // The trace's own text is shown escaped: a hand-edited file may carry a newline or a terminal escape there.
  print(`qsem replay: ${escapeControlCharacters(file)}: ${trace.commands.length} commands on target ${target.name} (saved from ${escapeControlCharacters(trace.target)}, seed ${trace.seed})`)
  print(`saved verdict: ${escapeControlCharacters(formatVerdict(trace.verdict))}`)
  if (guaranteesAsked !== undefined) print(`judging only: ${guaranteesAsked.join(", ")} (and conformance to the model)`)
  if (broker !== undefined) await prepareBroker(broker)
  let result: ReplayResult
  try {
    result = await Effect.runPromise(replayTrace(trace, target, options))
  } finally {
    await broker?.close()
  }
  print(modeLine(result, hasChoices, trace.commands.length))
  print("")
  print(result.table)
  print("")
  for (const { guarantee, reason } of result.verdicts.notJudged) print(`NOT JUDGED: ${guarantee}: ${reason}`)
  const violations = result.verdicts.violations.map((v) => v.guarantee)
  const divergence = result.verdicts.divergence
  const failed = result.verdicts.targetFailed || violations.length > 0 || (divergence !== undefined && conformance)
  if (!failed) {
    const judged = result.verdicts.notJudged.length === 0 ? "no guarantee violated" : "no judged guarantee violated"
    print(
      divergence === undefined
        ? `PASSES: ${judged} and no divergence from the model`
        : `PASSES: ${judged} (it diverges from the model at step ${divergence.step + 1}, not a failure with --guarantees-only)`
    )
    return 0
  }
  // The claim the replayed history breaks first (what `qsem check` would name the trace after) leads.
  const first = result.verdict?._tag === "GuaranteeViolated" ? result.verdict : undefined
  const named = first === undefined
    ? violations
    : [`${first.guarantee} (first, at step ${first.step + 1})`, ...violations.filter((id) => id !== first.guarantee)]
  const parts = [
    ...(named.length > 0 ? [`violates ${named.join(", ")}`] : []),
    ...(divergence !== undefined ? [`diverges from the model at step ${divergence.step + 1}: ${divergence.message}`] : [])
  ]
  print(`STILL FAILS: ${parts.join("; ")}`)
  return 1
}
