import { describe, expect, it } from "vitest"
import { retry, sendLost } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { dedupIgnoresSequence } from "./dedupIgnoresSequence.ts"

const scenario = [sendLost("t", "a", "idem"), retry("idem")]

describe("mutant:dedup-ignores-sequence", () => {
  it("appends an idempotent producer's retry again instead of answering the original offset", async () => {
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual({ _tag: "Sent", topic: "t", partition: 0, offset: 0 })
    expect((await run(scenario, transactional, dedupIgnoresSequence)).at(-1)).toStrictEqual({
      _tag: "Sent",
      topic: "t",
      partition: 0,
      offset: 1
    })
  })
})
