import { describe, expect, it } from "vitest"
import { at, begin, init, join, offsetsOf, send, sendOffsets, txnAbort } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { offsetsCommitOnAbort } from "./offsetsCommitOnAbort.ts"

const scenario = [
  send("t", "a", undefined, "plain"),
  join("rc", "m"),
  init("tx"),
  begin("tx"),
  sendOffsets("tx", "rc", "m", [["t", 0, 1]]),
  txnAbort("tx"),
  offsetsOf("rc")
]

describe("mutant:offsets-commit-on-abort", () => {
  it("commits the offsets an aborted transaction sent", async () => {
    const fetched = (offsets: ReadonlyArray<unknown>) => ({ _tag: "OffsetsFetched", group: "rc", offsets })
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual(fetched([]))
    expect((await run(scenario, transactional, offsetsCommitOnAbort)).at(-1)).toStrictEqual(fetched([at("t", 0, 1)]))
  })
})
