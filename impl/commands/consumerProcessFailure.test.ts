import { describe, expect, it } from "vitest"
import type { Place } from "../failure/internal/testAnswers.ts"
import { advanced, backoffPending, breakerOpen, deadLettered, downstreamSet, failed, processed } from "../failure/internal/testAnswers.ts"
import {
  advance,
  commit,
  crash,
  downstreamDown,
  downstreamUp,
  dump,
  join,
  leave,
  poll,
  processMidway,
  processRecord,
  seek,
  send
} from "../internal/testCommands.ts"
import { failing, run } from "../internal/testRun.ts"

/** `ConsumerProcess` of a place. */
const attemptAt = ([group, member, topic, partition, offset]: Place) => processRecord(group, member, topic, partition, offset)

/** Offset `offset` of `t` for member `m` of `group`. */
const inT = (group: string, offset: number): Place => [group, "m", "t", 0, offset]

describe("ConsumerProcess step 3a: poison records", () => {
  it("policy none: every attempt at a poison record fails in place, without a retry time; the records behind it process", async () => {
    const responses = await run([
      send("t", "poison-a"),
      send("t", "b"),
      join("n", "m"),
      poll("n", "m"),
      attemptAt(inT("n", 0)),
      attemptAt(inT("n", 0)),
      attemptAt(inT("n", 0)),
      attemptAt(inT("n", 1))
    ], failing)
    expect(responses.slice(4)).toStrictEqual([
      failed(inT("n", 0), "poison", 1),
      failed(inT("n", 0), "poison", 2),
      failed(inT("n", 0), "poison", 3),
      processed(inT("n", 1))
    ])
  })

  it("a group without a failure config processes a poison record like any other", async () => {
    expect((await run([send("t", "poison-a"), join("plain", "m"), poll("plain", "m"), attemptAt(inT("plain", 0))], failing)).at(-1))
      .toStrictEqual(processed(inT("plain", 0)))
  })
})

describe("ConsumerProcess step 3a: retry-then-dead-letter", () => {
  const scenario = [
    send("t", "poison-x"),
    send("t", "ok", "k0"),
    join("g", "m"),
    poll("g", "m"),
    attemptAt(inT("g", 0)),
    advance(999),
    attemptAt(inT("g", 0)),
    advance(1),
    attemptAt(inT("g", 0)),
    advance(1999),
    attemptAt(inT("g", 0)),
    advance(1),
    attemptAt(inT("g", 0)),
    attemptAt(inT("g", 0)),
    attemptAt(inT("g", 1)),
    commit("g", "m", [["t", 0, 2]]),
    dump("dlt", 0),
    join("watch", "w"),
    poll("watch", "w")
  ]
  const header = { group: "g", topic: "t", partition: 0, offset: 0, cause: "poison", attempts: 3 }

  it("backs off exponentially (refused at retryAtMs - 1, attempted at retryAtMs) and dead-letters at attemptsMax", async () => {
    const responses = await run(scenario, failing)
    expect(responses.slice(4, 16)).toStrictEqual([
      failed(inT("g", 0), "poison", 1, 1000),
      advanced(999),
      backoffPending(inT("g", 0), 1000),
      advanced(1000),
      failed(inT("g", 0), "poison", 2, 3000),
      advanced(2999),
      backoffPending(inT("g", 0), 3000),
      advanced(3000),
      deadLettered(inT("g", 0), "poison", 3, ["dlt", 0, 0]),
      { _tag: "NotDelivered", group: "g", member: "m", topic: "t", partition: 0, offset: 0 },
      processed(inT("g", 1)),
      { _tag: "Committed", group: "g", member: "m", generation: 1, offsets: [{ topic: "t", partition: 0, offset: 2 }] }
    ])
  })

  it("publishes the record by dead-letter:<group> with its header, seen by ObserverDump and by a poll of the dead-letter topic", async () => {
    const responses = await run(scenario, failing)
    expect(responses[16]).toStrictEqual({
      _tag: "Dumped",
      topic: "dlt",
      partition: 0,
      entries: [{ _tag: "Data", offset: 0, producer: "dead-letter:g", value: "poison-x", timestampMs: 3000, deadLetter: header }],
      highWatermark: 1,
      lastStableOffset: 1
    })
    expect(responses[18]).toStrictEqual({
      _tag: "Polled",
      group: "watch",
      member: "w",
      records: [{ topic: "dlt", partition: 0, offset: 0, producer: "dead-letter:g", value: "poison-x", timestampMs: 3000, deadLetter: header }]
    })
  })

  it("partitions dead-letter records as a plain send: the producer's round-robin for unkeyed records, murmur2 for keyed ones", async () => {
    const places = [inT("g", 0), inT("g", 1), inT("g", 2)]
    const responses = await run([
      send("t", "poison-x"),
      send("t", "poison-y"),
      send("t", "poison-z", "k0"),
      join("g", "m"),
      poll("g", "m"),
      ...places.map(attemptAt),
      advance(1000),
      ...places.map(attemptAt),
      advance(2000),
      ...places.map(attemptAt),
      dump("dlt", 1)
    ], failing)
    expect(responses.slice(-4)).toStrictEqual([
      deadLettered(places[0], "poison", 3, ["dlt", 0, 0]),
      deadLettered(places[1], "poison", 3, ["dlt", 1, 0]),
      deadLettered(places[2], "poison", 3, ["dlt", 1, 1]),
      {
        _tag: "Dumped",
        topic: "dlt",
        partition: 1,
        entries: [
          { _tag: "Data", offset: 0, producer: "dead-letter:g", value: "poison-y", timestampMs: 3000, deadLetter: { group: "g", topic: "t", partition: 0, offset: 1, cause: "poison", attempts: 3 } },
          { _tag: "Data", offset: 1, producer: "dead-letter:g", key: "k0", value: "poison-z", timestampMs: 3000, deadLetter: { group: "g", topic: "t", partition: 0, offset: 2, cause: "poison", attempts: 3 } }
        ],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
  })
})

describe("ConsumerProcess step 3a: the circuit breaker", () => {
  it("opens at failuresMax consecutive failed calls, holds attempts until openedAt + coolDownMs, re-opens on a failed probe, closes on a successful one", async () => {
    const responses = await run([
      downstreamDown("g"),
      send("t", "a"),
      send("t", "b"),
      send("t", "c"),
      send("t", "poison-p"),
      join("g", "m"),
      poll("g", "m"),
      attemptAt(inT("g", 0)),
      attemptAt(inT("g", 1)),
      attemptAt(inT("g", 2)),
      attemptAt(inT("g", 3)),
      advance(4999),
      attemptAt(inT("g", 2)),
      attemptAt(inT("g", 0)),
      advance(1),
      attemptAt(inT("g", 2)),
      attemptAt(inT("g", 0)),
      downstreamUp("g"),
      attemptAt(inT("g", 0)),
      advance(5000),
      attemptAt(inT("g", 0)),
      attemptAt(inT("g", 1)),
      attemptAt(inT("g", 2))
    ], failing)
    expect(responses.slice(7)).toStrictEqual([
      failed(inT("g", 0), "downstream", 1, 1000),
      failed(inT("g", 1), "downstream", 1, 1000), // the second consecutive failure opens the breaker at 0
      breakerOpen(inT("g", 2), 5000),
      failed(inT("g", 3), "poison", 1, 1000), // poison fails before the breaker
      advanced(4999),
      breakerOpen(inT("g", 2), 5000),
      breakerOpen(inT("g", 0), 5000),
      advanced(5000),
      failed(inT("g", 2), "downstream", 1, 6000), // the half-open probe fails: open again from 5000
      breakerOpen(inT("g", 0), 10_000),
      downstreamSet("g", true),
      breakerOpen(inT("g", 0), 10_000), // the breaker still waits for its cool-down
      advanced(10_000),
      processed(inT("g", 0)), // the probe succeeds: closed
      processed(inT("g", 1)),
      processed(inT("g", 2))
    ])
  })

  it("poison failures never touch the breaker", async () => {
    const responses = await run([
      send("t", "poison-1"),
      send("t", "poison-2"),
      send("t", "a"),
      join("g", "m"),
      poll("g", "m"),
      attemptAt(inT("g", 0)),
      attemptAt(inT("g", 1)),
      attemptAt(inT("g", 2))
    ], failing)
    expect(responses.slice(5)).toStrictEqual([
      failed(inT("g", 0), "poison", 1, 1000),
      failed(inT("g", 1), "poison", 1, 1000),
      processed(inT("g", 2))
    ])
  })

  it("whileOpen dead-letter: an open breaker dead-letters at once, cause breaker-open, with the attempts made so far", async () => {
    const responses = await run([
      downstreamDown("d"),
      send("t", "a"),
      send("t", "b", "k0"),
      join("d", "m"),
      poll("d", "m"),
      attemptAt(inT("d", 0)),
      attemptAt(inT("d", 1)),
      advance(100),
      attemptAt(inT("d", 0)),
      dump("ddlt", 0),
      advance(2900),
      downstreamUp("d"),
      send("t", "c"),
      poll("d", "m"),
      attemptAt(inT("d", 2))
    ], failing)
    expect(responses.slice(5, 10)).toStrictEqual([
      failed(inT("d", 0), "downstream", 1, 100), // failuresMax 1: open at 0
      deadLettered(inT("d", 1), "breaker-open", 0, ["ddlt", 0, 0]),
      advanced(100),
      deadLettered(inT("d", 0), "breaker-open", 1, ["ddlt", 0, 1]),
      {
        _tag: "Dumped",
        topic: "ddlt",
        partition: 0,
        entries: [
          { _tag: "Data", offset: 0, producer: "dead-letter:d", key: "k0", value: "b", timestampMs: 0, deadLetter: { group: "d", topic: "t", partition: 0, offset: 1, cause: "breaker-open", attempts: 0 } },
          { _tag: "Data", offset: 1, producer: "dead-letter:d", value: "a", timestampMs: 100, deadLetter: { group: "d", topic: "t", partition: 0, offset: 0, cause: "breaker-open", attempts: 1 } }
        ],
        highWatermark: 2,
        lastStableOffset: 2
      }
    ])
    expect(responses.at(-1)).toStrictEqual(processed(inT("d", 2))) // at 3000 the probe succeeds
  })

  it("policy none with a breaker: failures carry no retry time, and the open breaker pauses every record", async () => {
    const responses = await run([
      downstreamDown("nb"),
      send("t", "a"),
      send("t", "b"),
      join("nb", "m"),
      poll("nb", "m"),
      attemptAt(inT("nb", 0)),
      attemptAt(inT("nb", 0)),
      attemptAt(inT("nb", 1)),
      advance(1000),
      attemptAt(inT("nb", 1)),
      attemptAt(inT("nb", 1))
    ], failing)
    expect(responses.slice(5)).toStrictEqual([
      failed(inT("nb", 0), "downstream", 1),
      breakerOpen(inT("nb", 0), 1000),
      breakerOpen(inT("nb", 1), 1000),
      advanced(1000),
      failed(inT("nb", 1), "downstream", 1),
      breakerOpen(inT("nb", 1), 2000)
    ])
  })
})

describe("ConsumerProcess step 3a: attempt counts live in the member's process", () => {
  it("a crash and a leave forget them; a redelivered copy of a place continues its count", async () => {
    const responses = await run([
      send("t", "poison-x"),
      join("g", "m"),
      poll("g", "m"),
      attemptAt(inT("g", 0)),
      crash("g", "m"),
      join("g", "m"),
      poll("g", "m"),
      attemptAt(inT("g", 0)),
      seek("g", "m", "t", 0, 0),
      poll("g", "m"),
      attemptAt(inT("g", 0)),
      advance(1000),
      attemptAt(inT("g", 0)),
      leave("g", "m"),
      join("g", "m"),
      poll("g", "m"),
      attemptAt(inT("g", 0))
    ], failing)
    expect(responses[3]).toStrictEqual(failed(inT("g", 0), "poison", 1, 1000))
    expect(responses[7]).toStrictEqual(failed(inT("g", 0), "poison", 1, 1000)) // a fresh client: attempt 1, no backoff
    expect(responses.slice(10, 13)).toStrictEqual([
      backoffPending(inT("g", 0), 1000), // the redelivered copy shares the place's retry time
      advanced(1000),
      failed(inT("g", 0), "poison", 2, 3000)
    ])
    expect(responses.at(-1)).toStrictEqual(failed(inT("g", 0), "poison", 1, 2000))
  })

  it("crashMidway applies only to an attempt that succeeds: a failed one answers ProcessFailed and the client lives on", async () => {
    const responses = await run([
      downstreamDown("g"),
      send("t", "a"),
      join("g", "m"),
      poll("g", "m"),
      processMidway("g", "m", "t", 0, 0),
      attemptAt(inT("g", 0)),
      downstreamUp("g"),
      advance(1000),
      processMidway("g", "m", "t", 0, 0),
      attemptAt(inT("g", 0))
    ], failing)
    expect(responses.slice(4)).toStrictEqual([
      failed(inT("g", 0), "downstream", 1, 1000),
      backoffPending(inT("g", 0), 1000),
      downstreamSet("g", true),
      advanced(1000),
      { _tag: "ProcessCrashed", group: "g", member: "m", topic: "t", partition: 0, offset: 0 },
      { _tag: "UnknownMember", group: "g", member: "m" }
    ])
  })

  it("checks 1-3 come first: UnknownGroup, UnknownMember, NotDelivered", async () => {
    const responses = await run([
      processRecord("nope", "m", "t", 0, 0),
      attemptAt(inT("g", 0)),
      join("g", "m"),
      attemptAt(inT("g", 0))
    ], failing)
    expect([responses[0], responses[1], responses[3]]).toStrictEqual([
      { _tag: "UnknownGroup", group: "nope" },
      { _tag: "UnknownMember", group: "g", member: "m" },
      { _tag: "NotDelivered", group: "g", member: "m", topic: "t", partition: 0, offset: 0 }
    ])
  })
})
