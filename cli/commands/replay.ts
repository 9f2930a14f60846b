/**
 * `qsem replay FILE`: reruns a saved trace step by step.
 *
 * @module
 */
import { Effect, Result } from "effect"
import { replayTrace } from "../../properties/replay/replayTrace.ts"
import { formatVerdict } from "../../properties/format/verdict.ts"
import { readTraceFile } from "../../properties/trace/traceFile.ts"
import { parseArgs } from "../args.ts"
import { answerTimeoutOf } from "./check.ts"
import { resolveTarget } from "../targets.ts"
import { UsageError } from "../usageError.ts"

/** Usage text of `qsem replay`. */
export const replayUsage = `qsem replay <trace file> [--target builtin|model|mutant:<name>|<module path>] [--guarantees-only]
                   [--answer-timeout MS]
  Reruns the trace's commands on the target (default: the target the trace names) and the model,
  prints each step with the first divergence and every violation marked.
  Exit 1 while it still fails, 0 once it passes (with --guarantees-only a divergence alone passes).
  --answer-timeout MS: real milliseconds to wait for an answer that does not come at once (default 10000).`

/** Runs `qsem replay`; returns the exit code. */
export const runReplay = async (argv: ReadonlyArray<string>, print: (line: string) => void): Promise<number> => {
  const args = parseArgs("replay", argv, { target: "string", "guarantees-only": "switch", "answer-timeout": "count" })
  const answerTimeoutMs = answerTimeoutOf(args.counts)
  const conformance = !args.switches.has("guarantees-only")
  if (args.positionals.length !== 1) {
    throw new UsageError({ message: `'qsem replay' takes exactly one trace file (got ${args.positionals.length})` })
  }
  const file = args.positionals[0]
  const read = await Effect.runPromise(Effect.result(readTraceFile(file)))
  if (Result.isFailure(read)) throw new UsageError({ message: read.failure.message })
  const trace = read.success
  const target = await resolveTarget(args.strings.get("target") ?? trace.target)
  print(`qsem replay: ${file}: ${trace.commands.length} commands on target ${target.name} (saved from ${trace.target}, seed ${trace.seed})`)
  print(`saved verdict: ${formatVerdict(trace.verdict)}`)
  print("")
  const result = await Effect.runPromise(replayTrace(trace, target, { answerTimeoutMs }))
  print(result.table)
  print("")
  const violations = result.verdicts.violations.map((v) => v.guarantee)
  const divergence = result.verdicts.divergence
  if (violations.length === 0 && (divergence === undefined || !conformance)) {
    print(
      divergence === undefined
        ? "PASSES: no guarantee violated and no divergence from the model"
        : `PASSES: no guarantee violated (it diverges from the model at step ${divergence.step + 1}, not a failure with --guarantees-only)`
    )
    return 0
  }
  const parts = [
    ...(violations.length > 0 ? [`violates ${violations.join(", ")}`] : []),
    ...(divergence !== undefined ? [`diverges from the model at step ${divergence.step + 1}: ${divergence.message}`] : [])
  ]
  print(`STILL FAILS: ${parts.join("; ")}`)
  return 1
}
