import { describe, expect, it } from "vitest"
import { begin, effectsOf, init, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { effectful, last } from "../internal/testRun.ts"
import { effectAppliedTwice } from "./effectAppliedTwice.ts"

const scenario = (group: string) => [
  send("t", "a"),
  join(group, "m"),
  poll(group, "m"),
  ...(group === "eo" ? [init("eo/m"), begin("eo/m")] : []),
  processRecord(group, "m", "t", 0, 0),
  effectsOf(group)
]

describe("mutant:effect-applied-twice", () => {
  it("writes two ledger entries for one application in an exactly-once group", async () => {
    expect(await last(scenario("eo"), effectful)).toMatchObject({ applied: [{ id: "a", atMs: 0 }] })
    expect(await last(scenario("eo"), effectful, effectAppliedTwice)).toMatchObject({ applied: [{ id: "a", atMs: 0 }, { id: "a", atMs: 0 }] })
  })

  it("leaves the other groups' stores alone", async () => {
    expect(await last(scenario("naive"), effectful, effectAppliedTwice)).toStrictEqual(await last(scenario("naive"), effectful))
  })
})
