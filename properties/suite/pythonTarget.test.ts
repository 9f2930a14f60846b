import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { stdioTarget } from "../../impl/stdio/target.ts"
import type { Command } from "../../spec/command.ts"
import { type Config, configDefault } from "../../spec/config.ts"
import { checkTarget } from "../check/checkTarget.ts"
import { runCommands } from "../run.ts"

const broker = fileURLToPath(new URL("../../examples/python-target/broker.py", import.meta.url))

describe("examples/python-target: a broker in Python, written from the spec, over stdio", () => {
  it("conforms exactly to the model on the default config, and every guarantee holds and is witnessed", async () => {
    const report = await checkTarget({ target: stdioTarget(["python3", broker]), config: configDefault, runs: 30, seed: 20261201 })
    expect(report.runsDone).toBe(30)
    expect(report.divergedRuns).toBe(0)
    expect(report.failure).toBeUndefined()
    for (const tally of report.tallies.filter((t) => t.applicable)) {
      expect({ id: tally.guarantee.id, violatedRuns: tally.violatedRuns }).toEqual({ id: tally.guarantee.id, violatedRuns: 0 })
      expect(tally.witnessedRuns, tally.guarantee.id).toBeGreaterThan(0)
    }
  })
})

describe("examples/python-target on the corners of the spec's text", () => {
  it("partitions keys as Kafka does, lone surrogates and astral characters included, and sorts names by UTF-16 code unit", async () => {
    const config: Config = {
      ...configDefault,
      topics: [{ name: "t", partitions: 7 }, { name: "\u{1F600}", partitions: 2 }, { name: "\uFFFF", partitions: 2 }],
      groups: [{ name: "g", mode: "at-least-once", assignor: "range", topics: ["\uFFFF", "\u{1F600}", "t"] }]
    }
    const keys = ["", "a", "ab", "abc", "abcd", "h\u00e9llo", "\u{1F600}", "\uD800", "x\uDC00y", "k".repeat(101)]
    const commands: Array<Command> = [
      ...keys.map((key): Command => ({ _tag: "ProducerSend", producer: "p", topic: "t", key, value: "v" })),
      ...["\uFFFF", "\u{1F600}", "b"].map((member): Command => ({ _tag: "GroupJoin", group: "g", member })),
      { _tag: "ConsumerHeartbeat", group: "g", member: "\uFFFF" },
      { _tag: "ConsumerPoll", group: "g", member: "b", recordsMax: 100 }
    ]
    const run = await Effect.runPromise(runCommands(stdioTarget(["python3", broker]), config, commands))
    expect(run.divergence).toBeUndefined()
    expect(run.actual).toHaveLength(commands.length)
    expect(new Set(run.actual.slice(0, keys.length).map((sent) => sent._tag === "Sent" && sent.partition)).size).toBeGreaterThan(2)
  })
})
