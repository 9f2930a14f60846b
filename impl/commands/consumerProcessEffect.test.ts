import { describe, expect, it } from "vitest"
import { validateConfig } from "../../spec/config.ts"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import {
  advance,
  at,
  begin,
  crash,
  effectsOf,
  init,
  join,
  poll,
  processMidway,
  processRecord,
  send,
  txnCommit
} from "../internal/testCommands.ts"
import { effectful, run } from "../internal/testRun.ts"

/** The answers with one of these tags, in order. */
const pick = (responses: ReadonlyArray<Response>, ...tags: ReadonlyArray<Response["_tag"]>) =>
  responses.filter((response) => tags.includes(response._tag))
const answers = async (commands: ReadonlyArray<Command>) =>
  pick(await run(commands, effectful), "Processed", "ProcessCrashed", "EffectsListed")

/** The member joins (again, after a crash) and polls everything from the group's committed offsets (none). */
const deliver = (group: string, member = "m") => [join(group, member), poll(group, member)]
const processed = (group: string, offset: number, effect: object, extra: object = {}) => ({
  _tag: "Processed",
  group,
  member: "m",
  topic: "t",
  partition: 0,
  offset,
  ...extra,
  effect
})
const crashed = (group: string, offset: number, effect?: object, extra: object = {}) => ({
  _tag: "ProcessCrashed",
  group,
  member: "m",
  topic: "t",
  partition: 0,
  offset,
  ...extra,
  ...(effect === undefined ? {} : { effect })
})
const listed = (group: string, applied: ReadonlyArray<object>, remembered: ReadonlyArray<object> = [], entities: ReadonlyArray<object> = []) => ({
  _tag: "EffectsListed",
  group,
  applied,
  remembered,
  entities
})

describe("ConsumerProcess with an external effect", () => {
  it("the test config is valid", () => {
    expect(validateConfig(effectful)).toBeUndefined()
  })

  it("none: every processing applies the effect (id = value, entity = key, atMs = now), a redelivery again", async () => {
    expect(await answers([
      send("t", "a", "k"),
      send("t", "b"),
      ...deliver("naive"),
      processRecord("naive", "m", "t", 0, 0),
      advance(5),
      processRecord("naive", "m", "t", 0, 1),
      crash("naive", "m"),
      ...deliver("naive"),
      processRecord("naive", "m", "t", 0, 0),
      effectsOf("naive")
    ])).toStrictEqual([
      processed("naive", 0, { outcome: "applied", id: "a" }),
      processed("naive", 1, { outcome: "applied", id: "b" }),
      processed("naive", 0, { outcome: "applied", id: "a" }),
      listed("naive", [{ id: "a", entity: "k", atMs: 0 }, { id: "b", atMs: 5 }, { id: "a", entity: "k", atMs: 5 }])
    ])
  })

  it("idempotency-key: a remembered id is skipped inside its window (a skip does not refresh it) and applied again once it expired", async () => {
    expect(await answers([
      send("t", "a"),
      ...deliver("key"),
      processRecord("key", "m", "t", 0, 0),
      crash("key", "m"),
      ...deliver("key"),
      advance(999),
      processRecord("key", "m", "t", 0, 0),
      crash("key", "m"),
      ...deliver("key"),
      advance(1),
      processRecord("key", "m", "t", 0, 0),
      effectsOf("key"),
      advance(999),
      effectsOf("key"),
      advance(1),
      effectsOf("key")
    ])).toStrictEqual([
      processed("key", 0, { outcome: "applied", id: "a" }),
      processed("key", 0, { outcome: "skipped", id: "a" }),
      processed("key", 0, { outcome: "applied", id: "a" }),
      listed("key", [{ id: "a", atMs: 0 }, { id: "a", atMs: 1000 }], [{ id: "a", atMs: 1000 }]),
      listed("key", [{ id: "a", atMs: 0 }, { id: "a", atMs: 1000 }], [{ id: "a", atMs: 1000 }]),
      listed("key", [{ id: "a", atMs: 0 }, { id: "a", atMs: 1000 }], [])
    ])
  })

  it("idempotency-key: remembered ids are listed by recording time, then id in plain string order", async () => {
    expect((await answers([
      send("t", "b"),
      send("t", "a"),
      send("t", "\u{1F600}"),
      send("t", "\uFFFD"),
      ...deliver("kte"),
      processRecord("kte", "m", "t", 0, 1),
      advance(1),
      processRecord("kte", "m", "t", 0, 3),
      processRecord("kte", "m", "t", 0, 2),
      processRecord("kte", "m", "t", 0, 0),
      effectsOf("kte")
    ])).at(-1)).toMatchObject({
      remembered: [{ id: "a", atMs: 0 }, { id: "b", atMs: 1 }, { id: "\u{1F600}", atMs: 1 }, { id: "\uFFFD", atMs: 1 }]
    })
  })

  it("atomic, crashing midway: the one write applied the effect and recorded the key, so the redelivery is skipped", async () => {
    expect(await answers([
      send("t", "a"),
      ...deliver("key"),
      processMidway("key", "m", "t", 0, 0),
      ...deliver("key"),
      processRecord("key", "m", "t", 0, 0),
      effectsOf("key")
    ])).toStrictEqual([
      crashed("key", 0, { outcome: "applied", id: "a" }),
      processed("key", 0, { outcome: "skipped", id: "a" }),
      listed("key", [{ id: "a", atMs: 0 }], [{ id: "a", atMs: 0 }])
    ])
  })

  it("key-then-effect, crashing midway: the key is recorded, the effect never applied, and the redelivery is skipped (lost)", async () => {
    expect(await answers([
      send("t", "a"),
      ...deliver("kte"),
      processMidway("kte", "m", "t", 0, 0),
      ...deliver("kte"),
      processRecord("kte", "m", "t", 0, 0),
      effectsOf("kte")
    ])).toStrictEqual([
      crashed("kte", 0, { outcome: "key-recorded", id: "a" }),
      processed("kte", 0, { outcome: "skipped", id: "a" }),
      listed("kte", [], [{ id: "a", atMs: 0 }])
    ])
  })

  it("effect-then-key, crashing midway: the effect is applied without its key, and the redelivery applies it again", async () => {
    expect(await answers([
      send("t", "a"),
      ...deliver("etk"),
      processMidway("etk", "m", "t", 0, 0),
      ...deliver("etk"),
      processRecord("etk", "m", "t", 0, 0),
      effectsOf("etk")
    ])).toStrictEqual([
      crashed("etk", 0, { outcome: "applied", id: "a" }),
      processed("etk", 0, { outcome: "applied", id: "a" }),
      listed("etk", [{ id: "a", atMs: 0 }, { id: "a", atMs: 0 }], [{ id: "a", atMs: 0 }])
    ])
  })

  it("without a crash, both two-write orders apply the effect and remember the key", async () => {
    for (const group of ["kte", "etk"]) {
      expect(await answers([send("t", "a"), ...deliver(group), processRecord(group, "m", "t", 0, 0), effectsOf(group)])).toStrictEqual([
        processed(group, 0, { outcome: "applied", id: "a" }),
        listed(group, [{ id: "a", atMs: 0 }], [{ id: "a", atMs: 0 }])
      ])
    }
  })

  it("conditional-update: versions count a key's distinct values in send order; a repeated value (a retried send) is rejected", async () => {
    expect(await answers([
      send("t", "v1", "k"),
      send("t", "v2", "k"),
      send("t", "w1", "j"),
      send("t", "v1", "k"),
      send("t", "u"),
      ...deliver("cas"),
      processRecord("cas", "m", "t", 0, 0),
      processRecord("cas", "m", "t", 0, 2),
      processRecord("cas", "m", "t", 0, 1),
      processRecord("cas", "m", "t", 0, 3),
      processRecord("cas", "m", "t", 0, 4),
      effectsOf("cas")
    ])).toStrictEqual([
      processed("cas", 0, { outcome: "applied", id: "v1", version: 1, entityVersion: 0 }),
      processed("cas", 2, { outcome: "applied", id: "w1", version: 1, entityVersion: 0 }),
      processed("cas", 1, { outcome: "applied", id: "v2", version: 2, entityVersion: 1 }),
      processed("cas", 3, { outcome: "rejected", id: "v1", version: 1, entityVersion: 2 }),
      processed("cas", 4, { outcome: "applied", id: "u" }),
      listed(
        "cas",
        [{ id: "v1", entity: "k", atMs: 0 }, { id: "w1", entity: "j", atMs: 0 }, { id: "v2", entity: "k", atMs: 0 }, { id: "u", atMs: 0 }],
        [],
        [{ entity: "j", version: 1, value: "w1" }, { entity: "k", version: 2, value: "v2" }]
      )
    ])
  })

  it("conditional-update: a newer version before its predecessor is rejected, and a midway crash after the compare-and-set reports it", async () => {
    expect(await answers([
      send("t", "v1", "k"),
      send("t", "v2", "k"),
      ...deliver("cas"),
      processRecord("cas", "m", "t", 0, 1),
      processMidway("cas", "m", "t", 0, 0),
      ...deliver("cas"),
      processRecord("cas", "m", "t", 0, 0),
      processRecord("cas", "m", "t", 0, 1),
      effectsOf("cas")
    ])).toStrictEqual([
      processed("cas", 1, { outcome: "rejected", id: "v2", version: 2, entityVersion: 0 }),
      crashed("cas", 0, { outcome: "applied", id: "v1", version: 1, entityVersion: 0 }),
      processed("cas", 0, { outcome: "rejected", id: "v1", version: 1, entityVersion: 1 }),
      processed("cas", 1, { outcome: "applied", id: "v2", version: 2, entityVersion: 1 }),
      listed("cas", [{ id: "v1", entity: "k", atMs: 0 }, { id: "v2", entity: "k", atMs: 0 }], [], [{ entity: "k", version: 2, value: "v2" }])
    ])
  })

  it("a group without an effect processes as before; crashing midway it writes nothing and its client is gone", async () => {
    const responses = await run([
      send("t", "a"),
      ...deliver("plain"),
      processRecord("plain", "m", "t", 0, 0),
      crash("plain", "m"),
      ...deliver("plain"),
      processMidway("plain", "m", "t", 0, 0),
      poll("plain", "m"),
      processMidway("plain", "m", "t", 0, 0),
      effectsOf("plain"),
      effectsOf("nope")
    ], effectful)
    expect(responses.slice(3)).toStrictEqual([
      { _tag: "Processed", group: "plain", member: "m", topic: "t", partition: 0, offset: 0 },
      { _tag: "Crashed", group: "plain", member: "m" },
      responses[5],
      responses[6],
      crashed("plain", 0),
      { _tag: "UnknownMember", group: "plain", member: "m" },
      { _tag: "UnknownMember", group: "plain", member: "m" },
      listed("plain", []),
      { _tag: "UnknownGroup", group: "nope" }
    ])
  })
})

describe("ConsumerProcess with an external effect in an exactly-once group", () => {
  const ready = (group: string) => [send("t", "a", "k"), ...deliver(group), init(`${group}/m`), begin(`${group}/m`)]

  it("applies the effect, then sends the result; a producer that cannot send refuses before the effect is written", async () => {
    expect(await answers([
      send("t", "a", "k"),
      ...deliver("eo"),
      processRecord("eo", "m", "t", 0, 0),
      effectsOf("eo"),
      init("eo/m"),
      begin("eo/m"),
      processRecord("eo", "m", "t", 0, 0),
      effectsOf("eo")
    ])).toStrictEqual([
      listed("eo", []),
      processed("eo", 0, { outcome: "applied", id: "a" }, { output: at("o", 0, 0) }),
      listed("eo", [{ id: "a", entity: "k", atMs: 0 }])
    ])
  })

  it("crashing midway after the effect: no result is sent, the producer dies with the member; the redelivery applies the effect again", async () => {
    const responses = await run([
      ...ready("eo"),
      processMidway("eo", "m", "t", 0, 0),
      ...deliver("eo"),
      processRecord("eo", "m", "t", 0, 0),
      init("eo/m"),
      begin("eo/m"),
      processRecord("eo", "m", "t", 0, 0),
      txnCommit("eo/m"),
      effectsOf("eo")
    ], effectful)
    expect(responses.slice(5)).toStrictEqual([
      crashed("eo", 0, { outcome: "applied", id: "a" }),
      responses[6],
      responses[7],
      { _tag: "ProducerNotInitialized", producer: "eo/m" },
      { _tag: "ProducerInitialized", producer: "eo/m", producerId: 0, epoch: 1 },
      { _tag: "TxnBegun", producer: "eo/m" },
      processed("eo", 0, { outcome: "applied", id: "a" }, { output: at("o", 0, 0) }),
      { _tag: "TxnCommitted", producer: "eo/m", markers: [at("o", 0, 1)] },
      listed("eo", [{ id: "a", entity: "k", atMs: 0 }, { id: "a", entity: "k", atMs: 0 }])
    ])
  })

  it("a skipped duplicate writes no effect, so crashing midway its first write is the result's send", async () => {
    expect(await answers([
      ...ready("eok"),
      processRecord("eok", "m", "t", 0, 0),
      txnCommit("eok/m"),
      crash("eok", "m"),
      ...deliver("eok"),
      init("eok/m"),
      begin("eok/m"),
      processMidway("eok", "m", "t", 0, 0),
      effectsOf("eok")
    ])).toStrictEqual([
      processed("eok", 0, { outcome: "applied", id: "a" }, { output: at("o", 0, 0) }),
      crashed("eok", 0, { outcome: "skipped", id: "a" }, { output: at("o", 0, 2) }),
      listed("eok", [{ id: "a", entity: "k", atMs: 0 }], [{ id: "a", atMs: 0 }])
    ])
  })
})
