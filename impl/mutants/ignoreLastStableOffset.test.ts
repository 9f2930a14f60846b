import { describe, expect, it } from "vitest"
import { begin, init, join, poll, record, send } from "../internal/testCommands.ts"
import { run, transactional } from "../internal/testRun.ts"
import { ignoreLastStableOffset } from "./ignoreLastStableOffset.ts"

const scenario = [init("tx"), begin("tx"), send("t", "a", undefined, "tx"), join("rc", "m"), poll("rc", "m")]

describe("mutant:ignore-last-stable-offset", () => {
  it("delivers a still open transaction's record to a read_committed group", async () => {
    const polled = (records: ReadonlyArray<unknown>) => ({ _tag: "Polled", group: "rc", member: "m", records })
    expect((await run(scenario, transactional)).at(-1)).toStrictEqual(polled([]))
    expect((await run(scenario, transactional, ignoreLastStableOffset)).at(-1)).toStrictEqual(
      polled([record("t", 0, 0, "a", { producer: "tx" })])
    )
  })
})
