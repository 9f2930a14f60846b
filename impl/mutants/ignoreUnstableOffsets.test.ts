import { describe, expect, it } from "vitest"
import { begin, init, join, poll, record, send, sendOffsets } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { ignoreUnstableOffsets } from "./ignoreUnstableOffsets.ts"

const scenario = [
  send("t", "a", undefined, "plain"),
  join("rc", "m"),
  init("tx"),
  begin("tx"),
  sendOffsets("tx", "rc", "m", [["t", 0, 1]]),
  poll("rc", "m")
]

describe("mutant:ignore-unstable-offsets", () => {
  it("lets a read_committed member with no position read past an open transaction's offsets", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "rc", member: "m", records })
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual(polled([]))
    expect((await run(scenario, transactional, ignoreUnstableOffsets)).at(-1)).toStrictEqual(
      polled([record("t", 0, 0, "a", { producer: "plain" })])
    )
  })
})
