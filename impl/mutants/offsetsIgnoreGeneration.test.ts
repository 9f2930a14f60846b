import { describe, expect, it } from "vitest"
import { at, begin, init, join, send, sendOffsets } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { offsetsIgnoreGeneration } from "./offsetsIgnoreGeneration.ts"

const scenario = [
  send("t", "a", undefined, "plain"),
  join("rc", "m"),
  join("rc", "n"),
  init("tx"),
  begin("tx"),
  sendOffsets("tx", "rc", "m", [["t", 0, 1]])
]

describe("mutant:offsets-ignore-generation", () => {
  it("accepts transactional offsets from a consumer that missed a rebalance", async () => {
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual({
      _tag: "StaleGeneration",
      group: "rc",
      member: "m",
      generation: 1,
      generationCurrent: 2
    })
    expect((await run(scenario, transactional, offsetsIgnoreGeneration)).at(-1)).toStrictEqual({
      _tag: "TxnOffsetsSent",
      producer: "tx",
      group: "rc",
      member: "m",
      generation: 1,
      offsets: [at("t", 0, 1)]
    })
  })
})
