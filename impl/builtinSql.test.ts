import { describe, expect, it } from "vitest"
import type { Command } from "../spec/command.ts"
import type { Config } from "../spec/config.ts"
import { builtinTarget } from "./builtin.ts"
import { builtinSqlTarget } from "./builtinSql.ts"
import { advance, commit, configOf, dump, join, poll, processRecord, send } from "./internal/testCommands.ts"
import { run } from "./internal/testRun.ts"

/** One partition read by an idempotency-key group and a conditional-update group, written by an outbox service and a dual write. */
const config: Config = {
  ...configOf(
    [{ name: "events", partitions: 1 }],
    [
      {
        name: "billing",
        mode: "at-least-once",
        assignor: "range",
        topics: ["events"],
        effect: { remedy: "idempotency-key", dedupWindowMs: 5_000 }
      },
      { name: "profiles", mode: "at-least-once", assignor: "range", topics: ["events"], effect: { remedy: "conditional-update" } }
    ]
  ),
  services: [
    { name: "shop", topic: "events", publish: "outbox" },
    { name: "legacy", topic: "events", publish: "commit-then-send" }
  ]
}

const scenario: ReadonlyArray<Command> = [
  { _tag: "ServiceWrite", service: "shop", event: "e1", key: "k" },
  { _tag: "ServiceWrite", service: "shop", event: "e2", key: "k", crashMidway: true },
  { _tag: "ServiceWrite", service: "shop", event: "e1" },
  { _tag: "RelayPublish", service: "shop", crashMidway: true },
  advance(10),
  { _tag: "RelayPublish", service: "shop" },
  { _tag: "RelayPublish", service: "shop" },
  { _tag: "ServiceWrite", service: "legacy", event: "l1", crashMidway: true },
  send("events", "e3", "k"),
  join("billing", "m1"),
  join("profiles", "m1"),
  poll("billing", "m1"),
  poll("profiles", "m1"),
  processRecord("billing", "m1", "events", 0, 0),
  processRecord("billing", "m1", "events", 0, 1),
  processRecord("billing", "m1", "events", 0, 2),
  processRecord("profiles", "m1", "events", 0, 0),
  processRecord("profiles", "m1", "events", 0, 1),
  processRecord("profiles", "m1", "events", 0, 2),
  commit("billing", "m1", [["events", 0, 3]]),
  dump("events", 0),
  { _tag: "ObserverEffects", group: "billing" },
  { _tag: "ObserverEffects", group: "profiles" },
  { _tag: "ObserverService", service: "shop" },
  { _tag: "ObserverService", service: "legacy" },
  { _tag: "ObserverService", service: "nowhere" }
]

describe("builtinSqlTarget", () => {
  it("is named builtin-sql", () => {
    expect(builtinSqlTarget.name).toBe("builtin-sql")
  })

  it("answers as the built-in broker does, with its effect stores and services' tables in SQLite", async () => {
    const sql = await run(scenario, config, builtinSqlTarget)
    expect(sql).toEqual(await run(scenario, config, builtinTarget))
    expect(sql.slice(-5, -1)).toEqual([
      {
        _tag: "EffectsListed",
        group: "billing",
        applied: [{ id: "e1", entity: "k", atMs: 10 }, { id: "e3", entity: "k", atMs: 10 }],
        remembered: [{ id: "e1", atMs: 10 }, { id: "e3", atMs: 10 }],
        entities: []
      },
      {
        _tag: "EffectsListed",
        group: "profiles",
        applied: [{ id: "e1", entity: "k", atMs: 10 }, { id: "e3", entity: "k", atMs: 10 }],
        remembered: [],
        entities: [{ entity: "k", version: 2, value: "e3" }]
      },
      {
        _tag: "ServiceListed",
        service: "shop",
        rows: [{ event: "e1", key: "k", atMs: 0 }],
        outbox: [{ event: "e1", key: "k", published: true }]
      },
      { _tag: "ServiceListed", service: "legacy", rows: [{ event: "l1", atMs: 10 }], outbox: [] }
    ])
  })
})
