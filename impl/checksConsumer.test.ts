/**
 * The check order of spec/command.ts for the consumer commands: heartbeat,
 * poll, process, commit, seek and crash. Each check answers its error, and
 * an error changes nothing (except that `RebalanceInProgress` syncs).
 */
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import {
  advance,
  commit,
  crash,
  heartbeat,
  join,
  poll,
  processRecord,
  record,
  seek,
  send,
  tp
} from "./internal/testCommands.ts"
import { last, run, singleGroup } from "./internal/testRun.ts"

const unknownMember = (member = "a") => ({ _tag: "UnknownMember", group: "g", member })

/** Setups after which member `a` of group `g` is not a running broker member. */
const notRunningBrokerMember = [
  { name: "never joined", setup: [] },
  { name: "crashed", setup: [join("g", "a"), crash("g", "a")] },
  { name: "zombie (expired, still running)", setup: [join("g", "a"), advance(30_000)] }
] as const

describe("ConsumerHeartbeat", () => {
  it("1. answers UnknownGroup", async () => {
    expect(await last([heartbeat("nope", "a")], configDefault)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it.each(notRunningBrokerMember)("2. answers UnknownMember when $name", async ({ setup }) => {
    expect(await last([...setup, heartbeat("g", "a")], singleGroup(1))).toStrictEqual(unknownMember())
  })

  it("3-4. a stale client syncs and gets RebalanceInProgress, then HeartbeatOk", async () => {
    expect(await run([join("g", "a"), join("g", "b"), heartbeat("g", "a"), heartbeat("g", "a")], singleGroup(2)))
      .toStrictEqual([
        { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
        { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
        { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
        { _tag: "HeartbeatOk", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] }
      ])
  })

  it("3. sets lastSeenMs before step 4, so a heartbeat answered RebalanceInProgress keeps the session", async () => {
    const responses = await run([
      join("g", "a"),
      advance(20_000),
      join("g", "b"),
      heartbeat("g", "a"),
      advance(10_000)
    ], singleGroup(2))
    expect(responses[3]._tag).toBe("RebalanceInProgress")
    expect(responses[4]).toStrictEqual({ _tag: "ClockAdvanced", nowMs: 30_000, expired: [], rebalanced: [] })
  })
})

describe("ConsumerPoll", () => {
  it("1. answers UnknownGroup", async () => {
    expect(await last([poll("nope", "a")], configDefault)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it.each(notRunningBrokerMember)("2. answers UnknownMember when $name", async ({ setup }) => {
    expect(await last([send("t", "a"), ...setup, poll("g", "a")], singleGroup(1))).toStrictEqual(unknownMember())
  })

  it("4. a stale client gets no records, syncs and forgets its positions (resuming from the committed offset)", async () => {
    expect(
      await run([
        send("t", "a"),
        send("t", "b"),
        send("t", "c"),
        join("g", "a"),
        poll("g", "a", 2),
        commit("g", "a", [["t", 0, 1]]),
        join("g", "b"),
        poll("g", "a"),
        poll("g", "a")
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 2 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a"), record("t", 0, 1, "b")] },
      { _tag: "Committed", group: "g", member: "a", generation: 1, offsets: [{ topic: "t", partition: 0, offset: 1 }] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 1, "b"), record("t", 0, 2, "c")] }
    ])
  })

  it("shares recordsMax over the assigned partitions in order", async () => {
    const responses = await run([
      send("t", "a"),
      send("t", "b"),
      send("t", "c"),
      send("t", "d"),
      join("g", "a"),
      poll("g", "a", 3),
      poll("g", "a", 3)
    ], singleGroup(2))
    expect(responses.slice(5)).toStrictEqual([
      {
        _tag: "Polled",
        group: "g",
        member: "a",
        records: [record("t", 0, 0, "a"), record("t", 0, 1, "c"), record("t", 1, 0, "b")]
      },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 1, 1, "d")] }
    ])
  })

  it("gives every assigned partition a position, even one the budget left unread", async () => {
    const responses = await run([
      send("t", "a"),
      send("t", "b"),
      send("t", "c"),
      send("t", "d"),
      join("g", "a"),
      poll("g", "a", 2),
      commit("g", "a", [["t", 1, 1]]),
      poll("g", "a", 5)
    ], singleGroup(2))
    expect(responses.at(-1)).toStrictEqual({
      _tag: "Polled",
      group: "g",
      member: "a",
      records: [record("t", 1, 0, "b"), record("t", 1, 1, "d")]
    })
  })
})

describe("ConsumerProcess", () => {
  it("1. answers UnknownGroup", async () => {
    expect(await last([processRecord("nope", "a", "t", 0, 0)], singleGroup(1))).toStrictEqual({
      _tag: "UnknownGroup",
      group: "nope"
    })
  })

  it("2. answers UnknownMember unless running (never joined, crashed)", async () => {
    const config = singleGroup(1)
    expect(await last([processRecord("g", "a", "t", 0, 0)], config)).toStrictEqual(unknownMember())
    expect(
      await last([send("t", "a"), join("g", "a"), poll("g", "a"), crash("g", "a"), processRecord("g", "a", "t", 0, 0)], config)
    ).toStrictEqual(unknownMember())
  })

  it("3. answers NotDelivered for a record not in the buffer, whatever its topic", async () => {
    const config = singleGroup(1)
    expect(await last([send("t", "a"), join("g", "a"), processRecord("g", "a", "t", 0, 0)], config)).toStrictEqual({
      _tag: "NotDelivered",
      group: "g",
      member: "a",
      topic: "t",
      partition: 0,
      offset: 0
    })
    expect(await last([join("g", "a"), processRecord("g", "a", "nope", 0, 0)], config)).toStrictEqual({
      _tag: "NotDelivered",
      group: "g",
      member: "a",
      topic: "nope",
      partition: 0,
      offset: 0
    })
  })

  it("4. removes one buffer entry per process (a record delivered twice can be processed twice)", async () => {
    const responses = await run([
      send("t", "a"),
      join("g", "a"),
      poll("g", "a"),
      seek("g", "a", "t", 0, 0),
      poll("g", "a"),
      processRecord("g", "a", "t", 0, 0),
      processRecord("g", "a", "t", 0, 0),
      processRecord("g", "a", "t", 0, 0)
    ], singleGroup(1))
    expect(responses.slice(5).map((response) => response._tag)).toStrictEqual(["Processed", "Processed", "NotDelivered"])
  })

  it("does not refresh the session (processing is local)", async () => {
    expect(
      await last([
        send("t", "a"),
        join("g", "a"),
        poll("g", "a"),
        advance(20_000),
        processRecord("g", "a", "t", 0, 0),
        advance(10_000)
      ], singleGroup(1))
    ).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "g", member: "a" }],
      rebalanced: [{ group: "g", generation: 2 }]
    })
  })
})

describe("ConsumerCommit", () => {
  const config = singleGroup(2)
  const setup = [send("t", "a"), send("t", "b"), send("t", "c"), join("g", "a")]

  it("1. answers UnknownGroup", async () => {
    expect(await last([commit("nope", "a", [])], config)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it.each(notRunningBrokerMember)("2. answers UnknownMember when $name", async ({ setup: before }) => {
    expect(await last([...before, commit("g", "a", [["t", 0, 0]])], config)).toStrictEqual(unknownMember())
  })

  it("4. fences a stale client before looking at the entries", async () => {
    expect(await last([...setup, join("g", "b"), commit("g", "a", [["nope", 0, 0]])], config)).toStrictEqual({
      _tag: "StaleGeneration",
      group: "g",
      member: "a",
      generation: 1,
      generationCurrent: 2
    })
  })

  it("3. sets lastSeenMs before the fence, so a commit answered StaleGeneration keeps the session", async () => {
    const responses = await run([
      join("g", "a"),
      advance(20_000),
      join("g", "b"),
      commit("g", "a", []),
      advance(10_000)
    ], config)
    expect(responses[3]._tag).toBe("StaleGeneration")
    expect(responses[4]).toStrictEqual({ _tag: "ClockAdvanced", nowMs: 30_000, expired: [], rebalanced: [] })
  })

  it("5. checks each entry in order: UnknownTopic, NotAssigned, OffsetOutOfRange", async () => {
    expect(await last([...setup, commit("g", "a", [["nope", 0, 0]])], config)).toStrictEqual({
      _tag: "UnknownTopic",
      topic: "nope"
    })
    expect(await last([...setup, commit("g", "a", [["t", 5, 0]])], config)).toStrictEqual({
      _tag: "NotAssigned",
      group: "g",
      member: "a",
      topic: "t",
      partition: 5
    })
    expect(await last([...setup, commit("g", "a", [["t", 0, 3]])], config)).toStrictEqual({
      _tag: "OffsetOutOfRange",
      topic: "t",
      partition: 0,
      offset: 3,
      highWatermark: 2
    })
    expect(await last([...setup, commit("g", "a", [["t", 0, 0], ["nope", 0, 0], ["t", 0, 9]])], config))
      .toStrictEqual({ _tag: "UnknownTopic", topic: "nope" })
    expect(await last([...setup, commit("g", "a", [["t", 0, 9], ["nope", 0, 0]])], config)).toStrictEqual({
      _tag: "OffsetOutOfRange",
      topic: "t",
      partition: 0,
      offset: 9,
      highWatermark: 2
    })
  })

  it("5. checks ownership against the group's current assignment", async () => {
    expect(
      await run([...setup, join("g", "b"), heartbeat("g", "a"), commit("g", "a", [["t", 1, 0]]), commit("g", "b", [["t", 1, 1]])], config)
        .then((responses) => responses.slice(6))
    ).toStrictEqual([
      { _tag: "NotAssigned", group: "g", member: "a", topic: "t", partition: 1 },
      { _tag: "Committed", group: "g", member: "b", generation: 2, offsets: [{ topic: "t", partition: 1, offset: 1 }] }
    ])
  })

  it("stores nothing when an entry fails", async () => {
    const responses = await run([
      ...setup,
      commit("g", "a", [["t", 0, 1], ["t", 1, 9]]),
      crash("g", "a"),
      join("g", "a"),
      poll("g", "a", 1)
    ], config)
    expect(responses[4]._tag).toBe("OffsetOutOfRange")
    expect(responses.at(-1)).toStrictEqual({ _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] })
  })

  it("6. stores all entries in order: the high watermark is allowed, a later entry wins, an offset may move back", async () => {
    const responses = await run([
      ...setup,
      commit("g", "a", [["t", 0, 2], ["t", 0, 1]]),
      commit("g", "a", []),
      crash("g", "a"),
      join("g", "a"),
      poll("g", "a", 1),
      commit("g", "a", [["t", 0, 2]]),
      commit("g", "a", [["t", 0, 0]]),
      crash("g", "a"),
      join("g", "a"),
      poll("g", "a", 1)
    ], config)
    expect(responses[4]).toStrictEqual({
      _tag: "Committed",
      group: "g",
      member: "a",
      generation: 1,
      offsets: [{ topic: "t", partition: 0, offset: 2 }, { topic: "t", partition: 0, offset: 1 }]
    })
    expect(responses[5]).toStrictEqual({ _tag: "Committed", group: "g", member: "a", generation: 1, offsets: [] })
    expect(responses[8]).toStrictEqual({ _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 1, "c")] })
    expect(responses[13]).toStrictEqual({ _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] })
  })
})

describe("ConsumerSeek", () => {
  const config = singleGroup(2)

  it("1. answers UnknownGroup", async () => {
    expect(await last([seek("nope", "a", "t", 0, 0)], config)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it("2. answers UnknownMember unless running (never joined, crashed)", async () => {
    expect(await last([seek("g", "a", "t", 0, 0)], config)).toStrictEqual(unknownMember())
    expect(await last([join("g", "a"), crash("g", "a"), seek("g", "a", "t", 0, 0)], config)).toStrictEqual(unknownMember())
  })

  it("3. answers UnknownTopic before NotAssigned", async () => {
    expect(await last([join("g", "a"), seek("g", "a", "nope", 0, 0)], config)).toStrictEqual({
      _tag: "UnknownTopic",
      topic: "nope"
    })
  })

  it("4. answers NotAssigned for a partition outside the client's assignment, or one that does not exist", async () => {
    const setup = [join("g", "a"), join("g", "b"), heartbeat("g", "b")]
    expect(await last([...setup, seek("g", "b", "t", 0, 0)], config)).toStrictEqual({
      _tag: "NotAssigned",
      group: "g",
      member: "b",
      topic: "t",
      partition: 0
    })
    expect(await last([...setup, seek("g", "b", "t", 7, 0)], config)).toStrictEqual({
      _tag: "NotAssigned",
      group: "g",
      member: "b",
      topic: "t",
      partition: 7
    })
  })

  it("4. goes by the client's own (possibly stale) assignment", async () => {
    expect(await last([join("g", "a"), join("g", "b"), seek("g", "a", "t", 1, 0)], config)).toStrictEqual({
      _tag: "Seeked",
      group: "g",
      member: "a",
      topic: "t",
      partition: 1,
      offset: 0
    })
  })

  it("5. answers OffsetOutOfRange above the high watermark (the high watermark itself is fine)", async () => {
    const setup = [send("t", "a"), join("g", "a")]
    expect(await last([...setup, seek("g", "a", "t", 0, 2)], config)).toStrictEqual({
      _tag: "OffsetOutOfRange",
      topic: "t",
      partition: 0,
      offset: 2,
      highWatermark: 1
    })
    expect((await last([...setup, seek("g", "a", "t", 0, 1)], config))?._tag).toBe("Seeked")
  })

  it("6. moves the position (replay or skip) and keeps the buffer", async () => {
    const responses = await run([
      send("t", "a"),
      send("t", "b"),
      send("t", "c"),
      join("g", "a"),
      poll("g", "a", 1),
      seek("g", "a", "t", 0, 2),
      poll("g", "a"),
      seek("g", "a", "t", 0, 0),
      poll("g", "a", 1),
      processRecord("g", "a", "t", 0, 0),
      processRecord("g", "a", "t", 0, 0),
      processRecord("g", "a", "t", 0, 0)
    ], singleGroup(1))
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      { _tag: "Seeked", group: "g", member: "a", topic: "t", partition: 0, offset: 2 },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 2, "c")] },
      { _tag: "Seeked", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      { _tag: "Processed", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "Processed", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "NotDelivered", group: "g", member: "a", topic: "t", partition: 0, offset: 0 }
    ])
  })

  it("does not refresh the session (seeking is local)", async () => {
    expect(
      await last([join("g", "a"), advance(20_000), seek("g", "a", "t", 0, 0), advance(10_000)], config)
    ).toStrictEqual({
      _tag: "ClockAdvanced",
      nowMs: 30_000,
      expired: [{ group: "g", member: "a" }],
      rebalanced: [{ group: "g", generation: 2 }]
    })
  })
})

describe("ConsumerCrash", () => {
  const config = singleGroup(2)

  it("1. answers UnknownGroup", async () => {
    expect(await last([crash("nope", "a")], config)).toStrictEqual({ _tag: "UnknownGroup", group: "nope" })
  })

  it("2. answers UnknownMember unless running (never joined, already crashed)", async () => {
    expect(await last([crash("g", "a")], config)).toStrictEqual(unknownMember())
    expect(await last([join("g", "a"), crash("g", "a"), crash("g", "a")], config)).toStrictEqual(unknownMember())
  })

  it("3. destroys the client but keeps the membership: no rebalance, the partitions stall", async () => {
    expect(
      await run([join("g", "a"), join("g", "b"), crash("g", "a"), heartbeat("g", "b"), seek("g", "b", "t", 0, 0)], config)
    ).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "Crashed", group: "g", member: "a" },
      { _tag: "HeartbeatOk", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "NotAssigned", group: "g", member: "b", topic: "t", partition: 0 }
    ])
  })
})
