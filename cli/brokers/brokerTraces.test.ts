import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/index.ts"
import { replayTrace } from "../../properties/replay/replayTrace.ts"
import { readTraceFile } from "../../properties/trace/traceFile.ts"
import type { BrokerTarget } from "../../brokers/brokerTarget.ts"
import type { Trace } from "../../spec/trace.ts"
import { brokerSpecOf } from "../brokerTargets.ts"
import { brokerTracesDirectory } from "./results.ts"

// The counterexamples `qsem brokers` saved from real brokers stay true: each still fails on its broker (the
// server started here, as `qsem replay --target <broker>:<setting>` starts it) and passes on the built-in broker.
// A real broker runs in real time: a violation that needs a SIGKILL inside a write interval of the broker (NATS
// writes its consumer state every ~100 ms) may take more than one replay, so each gets up to `replaysMax`.
const replaysMax = 3
const root = path.resolve(import.meta.dirname, "../..")
const directory = path.join(root, brokerTracesDirectory)
const files = fs.existsSync(directory) ? fs.readdirSync(directory).filter((file) => file.endsWith(".json")).sort() : []
const traces: Array<{ readonly file: string; readonly trace: Trace }> = files.map((file) => ({
  file,
  trace: Effect.runSync(readTraceFile(path.join(directory, file)))
}))
const byTarget = new Map<string, Array<{ readonly file: string; readonly trace: Trace }>>()
for (const entry of traces) byTarget.set(entry.trace.target, [...(byTarget.get(entry.trace.target) ?? []), entry])

const started: Array<BrokerTarget> = []
afterAll(async () => {
  for (const target of started) await target.close()
})

describe("traces saved from real brokers", () => {
  it("name a broker target and a violated guarantee", () => {
    for (const { file, trace } of traces) {
      expect(brokerSpecOf(trace.target), file).toBeDefined()
      expect(trace.verdict._tag, file).toBe("GuaranteeViolated")
    }
  })

  for (const [name, entries] of byTarget) {
    it(`still fail on ${name}, and pass on the built-in broker`, async () => {
      const spec = brokerSpecOf(name)!
      const target = spec.entry.make(spec.setting)
      started.push(target)
      await target.prepare()
      for (const { file, trace } of entries) {
        const guarantee = trace.verdict._tag === "GuaranteeViolated" ? trace.verdict.guarantee : undefined
        let violated: ReadonlyArray<string> = []
        for (let replay = 0; replay < replaysMax && !violated.includes(guarantee!); replay++) {
          const onBroker = await Effect.runPromise(replayTrace(trace, target, { lockstep: { answerTimeoutMs: 60_000 }, guarantees: [guarantee!] }))
          violated = onBroker.verdicts.violations.map((v) => v.guarantee)
        }
        expect(violated, `${file}, in ${replaysMax} replays`).toContain(guarantee)
        const onBuiltin = await Effect.runPromise(replayTrace(trace, builtinTarget, { guarantees: [guarantee!] }))
        expect(onBuiltin.verdicts.violations, file).toEqual([])
        expect(onBuiltin.verdicts.divergence, file).toBeUndefined()
      }
      await target.close()
    }, 300_000)
  }
})
