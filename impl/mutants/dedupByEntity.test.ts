import { describe, expect, it } from "vitest"
import { effectsOf, join, poll, processRecord, send } from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"
import { dedupByEntity } from "./dedupByEntity.ts"

/** Two distinct messages about one entity `k`. */
const scenario = (group: string) => [
  send("t", "a", "k"),
  send("t", "b", "k"),
  join(group, "m"),
  poll(group, "m"),
  processRecord(group, "m", "t", 0, 0),
  processRecord(group, "m", "t", 0, 1),
  effectsOf(group)
]
const outcomes = (responses: ReadonlyArray<unknown>) => responses.slice(4)

describe("mutant:dedup-by-entity", () => {
  it("skips a distinct message of an entity it saw, losing its effect", async () => {
    for (const group of ["key", "kte"]) {
      expect(outcomes(await run(scenario(group), effectful))).toMatchObject([
        { effect: { outcome: "applied", id: "a" } },
        { effect: { outcome: "applied", id: "b" } },
        { applied: [{ id: "a" }, { id: "b" }] }
      ])
      expect(outcomes(await run(scenario(group), effectful, dedupByEntity))).toMatchObject([
        { effect: { outcome: "applied", id: "a" } },
        { effect: { outcome: "skipped", id: "b" } },
        { applied: [{ id: "a" }], remembered: [{ id: "k" }] }
      ])
    }
  })
})
