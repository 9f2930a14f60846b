import { describe, expect, it } from "vitest"
import { begin, init, join, poll, record, send, txnAbort } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { readCommittedLeaksAborted } from "./readCommittedLeaksAborted.ts"

const scenario = [init("tx"), begin("tx"), send("t", "a", undefined, "tx"), txnAbort("tx"), join("rc", "m"), poll("rc", "m")]

describe("mutant:read-committed-leaks-aborted", () => {
  it("delivers an aborted transaction's record to a read_committed group", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "rc", member: "m", records })
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual(polled([]))
    expect((await run(scenario, transactional, readCommittedLeaksAborted)).at(-1)).toStrictEqual(
      polled([record("t", 0, 0, "a", { producer: "tx" })])
    )
  })
})
