import { describe, expect, it } from "vitest"
import { effectsOf, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { casIgnoresVersion } from "./casIgnoresVersion.ts"

/** Versions 1 and 2 of entity `k`, then a retried copy of version 1, processed in offset order. */
const scenario = [
  send("t", "v1", "k"),
  send("t", "v2", "k"),
  send("t", "v1", "k"),
  join("cas", "m"),
  poll("cas", "m"),
  processRecord("cas", "m", "t", 0, 0),
  processRecord("cas", "m", "t", 0, 1),
  processRecord("cas", "m", "t", 0, 2),
  effectsOf("cas")
]

describe("mutant:cas-ignores-version", () => {
  it("applies a stale copy whatever the entity's version, overwriting the newer value", async () => {
    expect((await run(scenario, effectful)).slice(-2)).toMatchObject([
      { effect: { outcome: "rejected", id: "v1", version: 1, entityVersion: 2 } },
      { entities: [{ entity: "k", version: 2, value: "v2" }] }
    ])
    expect((await run(scenario, effectful, casIgnoresVersion)).slice(-2)).toMatchObject([
      { effect: { outcome: "applied", id: "v1", version: 1, entityVersion: 2 } },
      { entities: [{ entity: "k", version: 3, value: "v1" }] }
    ])
  })
})
