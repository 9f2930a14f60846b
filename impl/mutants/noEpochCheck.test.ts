import { describe, expect, it } from "vitest"
import { at, begin, init, send, txnCommit } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { noEpochCheck } from "./noEpochCheck.ts"

const scenario = [init("tx"), begin("tx"), init("tx2"), send("t", "a", undefined, "tx"), txnCommit("tx")]

describe("mutant:no-epoch-check", () => {
  it("lets the older instance of a transactional id send and commit after a newer one initialized", async () => {
    expect((await run(scenario, transactional)).slice(3)).toStrictEqual([
      { _tag: "ProducerFenced", producer: "tx" },
      { _tag: "ProducerFenced", producer: "tx" }
    ])
    expect((await run(scenario, transactional, noEpochCheck)).slice(3)).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "TxnCommitted", producer: "tx", markers: [at("t", 0, 1)] }
    ])
  })
})
