import { describe, expect, it } from "vitest"
import { at, begin, init, send, txnCommit } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { markersTakeNoOffset } from "./markersTakeNoOffset.ts"

const scenario = [init("tx"), begin("tx"), send("t", "a", undefined, "tx"), txnCommit("tx"), send("t", "b", undefined, "plain")]

describe("mutant:markers-take-no-offset", () => {
  it("answers the marker's offset but stores nothing there: the next record takes it", async () => {
    const committed = { _tag: "TxnCommitted", producer: "tx", markers: [at("t", 0, 1)] }
    expect((await run(scenario, transactional)).slice(3)).toStrictEqual([
      committed,
      { _tag: "Sent", topic: "t", partition: 0, offset: 2 }
    ])
    expect((await run(scenario, transactional, markersTakeNoOffset)).slice(3)).toStrictEqual([
      committed,
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 }
    ])
  })
})
