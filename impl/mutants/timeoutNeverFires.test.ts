import { describe, expect, it } from "vitest"
import { advance, at, begin, init, producerCrash, send } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { timeoutNeverFires } from "./timeoutNeverFires.ts"

const scenario = [init("tx"), begin("tx"), send("t", "a", undefined, "tx"), producerCrash("tx"), advance(10_000)]

describe("mutant:timeout-never-fires", () => {
  it("leaves a crashed producer's transaction open past transactionTimeoutMs", async () => {
    const advanced = { _tag: "ClockAdvanced", nowMs: 10_000, expired: [], rebalanced: [] }
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual({
      ...advanced,
      transactionsAborted: [{ transactionalId: "tx", epoch: 1, markers: [at("t", 0, 1)] }]
    })
    expect((await run(scenario, transactional, timeoutNeverFires)).at(-1)).toStrictEqual(advanced)
  })
})
