import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { builtinTarget } from "./builtin.ts"
import {
  advance,
  commit,
  configOf,
  crash,
  heartbeat,
  join,
  leave,
  poll,
  processRecord,
  record,
  seek,
  send,
  tp
} from "./internal/testCommands.ts"
import { run, singleGroup } from "./internal/testRun.ts"

describe("builtinTarget", () => {
  it("is named builtin", () => {
    expect(builtinTarget.name).toBe("builtin")
  })

  it("sends, polls, processes and commits (default config)", async () => {
    expect(
      await run([
        send("orders", "a"),
        send("orders", "b"),
        send("orders", "c"),
        send("orders", "d"),
        send("orders", "e", undefined, "p2"),
        send("payments", "f"),
        advance(5),
        send("payments", "g", "foobar"),
        join("billing", "m1"),
        poll("billing", "m1", 3),
        poll("billing", "m1", 10),
        processRecord("billing", "m1", "orders", 0, 1),
        processRecord("billing", "m1", "orders", 0, 1),
        commit("billing", "m1", [["orders", 0, 3]]),
        poll("billing", "m1"),
        join("metrics", "m1"),
        poll("metrics", "m1", 2)
      ], configDefault)
    ).toStrictEqual([
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 1, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 2, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 2 },
      { _tag: "Sent", topic: "payments", partition: 0, offset: 0 },
      { _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] },
      { _tag: "Sent", topic: "payments", partition: (-790332482 & 0x7fffffff) % 2, offset: 1 },
      {
        _tag: "Joined",
        group: "billing",
        member: "m1",
        generation: 1,
        assignment: [tp("orders", 0), tp("orders", 1), tp("orders", 2), tp("payments", 0), tp("payments", 1)]
      },
      {
        _tag: "Polled",
        group: "billing",
        member: "m1",
        records: [
          record("orders", 0, 0, "a"),
          record("orders", 0, 1, "d"),
          record("orders", 0, 2, "e", { producer: "p2" })
        ]
      },
      {
        _tag: "Polled",
        group: "billing",
        member: "m1",
        records: [
          record("orders", 1, 0, "b"),
          record("orders", 2, 0, "c"),
          record("payments", 0, 0, "f"),
          record("payments", 0, 1, "g", { key: "foobar", timestampMs: 5 })
        ]
      },
      { _tag: "Processed", group: "billing", member: "m1", topic: "orders", partition: 0, offset: 1 },
      { _tag: "NotDelivered", group: "billing", member: "m1", topic: "orders", partition: 0, offset: 1 },
      {
        _tag: "Committed",
        group: "billing",
        member: "m1",
        generation: 1,
        offsets: [{ topic: "orders", partition: 0, offset: 3 }]
      },
      { _tag: "Polled", group: "billing", member: "m1", records: [] },
      {
        _tag: "Joined",
        group: "metrics",
        member: "m1",
        generation: 1,
        assignment: [tp("orders", 0), tp("orders", 1), tp("orders", 2)]
      },
      {
        _tag: "Polled",
        group: "metrics",
        member: "m1",
        records: [record("orders", 0, 0, "a"), record("orders", 0, 1, "d")]
      }
    ])
  })

  it("rebalances on join, leave and expiry with the range assignor", async () => {
    expect(
      await run([
        join("g", "b"),
        join("g", "a"),
        heartbeat("g", "b"),
        heartbeat("g", "b"),
        join("g", "c"),
        poll("g", "a"),
        heartbeat("g", "c"),
        leave("g", "b"),
        heartbeat("g", "c"),
        heartbeat("g", "a"),
        advance(20_000),
        heartbeat("g", "a"),
        advance(10_000),
        heartbeat("g", "a"),
        heartbeat("g", "c"),
        leave("g", "c"),
        heartbeat("g", "b")
      ], singleGroup(2))
    ).toStrictEqual([
      { _tag: "Joined", group: "g", member: "b", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "Joined", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
      { _tag: "RebalanceInProgress", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "HeartbeatOk", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "Joined", group: "g", member: "c", generation: 3, assignment: [] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 3, assignment: [tp("t", 0)] },
      { _tag: "HeartbeatOk", group: "g", member: "c", generation: 3, assignment: [] },
      { _tag: "Left", group: "g", member: "b", generation: 4 },
      { _tag: "RebalanceInProgress", group: "g", member: "c", generation: 4, assignment: [tp("t", 1)] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 4, assignment: [tp("t", 0)] },
      { _tag: "ClockAdvanced", nowMs: 20_000, expired: [], rebalanced: [] },
      { _tag: "HeartbeatOk", group: "g", member: "a", generation: 4, assignment: [tp("t", 0)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "g", member: "c" }],
        rebalanced: [{ group: "g", generation: 5 }]
      },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 5, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "UnknownMember", group: "g", member: "c" },
      { _tag: "UnknownMember", group: "g", member: "c" },
      { _tag: "UnknownMember", group: "g", member: "b" }
    ])
  })

  it("rebalances with the round-robin assignor, dealing sorted partitions to sorted members", async () => {
    const config = configOf(
      [{ name: "orders", partitions: 3 }, { name: "audit", partitions: 2 }],
      [{ name: "g", mode: "at-most-once", assignor: "round-robin", topics: ["orders", "audit"] }]
    )
    expect(
      await run([
        join("g", "x"),
        join("g", "a"),
        heartbeat("g", "x"),
        join("g", "m"),
        heartbeat("g", "x"),
        heartbeat("g", "a")
      ], config)
    ).toStrictEqual([
      {
        _tag: "Joined",
        group: "g",
        member: "x",
        generation: 1,
        assignment: [tp("audit", 0), tp("audit", 1), tp("orders", 0), tp("orders", 1), tp("orders", 2)]
      },
      {
        _tag: "Joined",
        group: "g",
        member: "a",
        generation: 2,
        assignment: [tp("audit", 0), tp("orders", 0), tp("orders", 2)]
      },
      {
        _tag: "RebalanceInProgress",
        group: "g",
        member: "x",
        generation: 2,
        assignment: [tp("audit", 1), tp("orders", 1)]
      },
      { _tag: "Joined", group: "g", member: "m", generation: 3, assignment: [tp("audit", 1), tp("orders", 2)] },
      { _tag: "RebalanceInProgress", group: "g", member: "x", generation: 3, assignment: [tp("orders", 0)] },
      {
        _tag: "RebalanceInProgress",
        group: "g",
        member: "a",
        generation: 3,
        assignment: [tp("audit", 0), tp("orders", 1)]
      }
    ])
  })

  it("leaves members beyond the partition count idle (round-robin, 4 members, 3 partitions)", async () => {
    const responses = await run([
      send("orders", "a"),
      join("metrics", "m4"),
      join("metrics", "m2"),
      join("metrics", "m1"),
      join("metrics", "m3"),
      heartbeat("metrics", "m4"),
      poll("metrics", "m4"),
      heartbeat("metrics", "m1")
    ], configDefault)
    expect(responses.slice(4)).toStrictEqual([
      { _tag: "Joined", group: "metrics", member: "m3", generation: 4, assignment: [tp("orders", 2)] },
      { _tag: "RebalanceInProgress", group: "metrics", member: "m4", generation: 4, assignment: [] },
      { _tag: "Polled", group: "metrics", member: "m4", records: [] },
      { _tag: "RebalanceInProgress", group: "metrics", member: "m1", generation: 4, assignment: [tp("orders", 0)] }
    ])
  })

  it("redelivers what a crashed at-least-once member had not committed, once its session expired", async () => {
    expect(
      await run([
        send("t", "a"),
        send("t", "b"),
        send("t", "c"),
        join("g", "a"),
        join("g", "b"),
        heartbeat("g", "a"),
        poll("g", "a", 2),
        processRecord("g", "a", "t", 0, 0),
        commit("g", "a", [["t", 0, 1]]),
        crash("g", "a"),
        poll("g", "a"),
        processRecord("g", "a", "t", 0, 1),
        advance(20_000),
        heartbeat("g", "b"),
        advance(10_000),
        poll("g", "b"),
        poll("g", "b", 5),
        processRecord("g", "b", "t", 0, 1),
        processRecord("g", "b", "t", 0, 2),
        commit("g", "b", [["t", 0, 3]])
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 2 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [] },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a"), record("t", 0, 1, "b")] },
      { _tag: "Processed", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "Committed", group: "g", member: "a", generation: 2, offsets: [{ topic: "t", partition: 0, offset: 1 }] },
      { _tag: "Crashed", group: "g", member: "a" },
      { _tag: "UnknownMember", group: "g", member: "a" },
      { _tag: "UnknownMember", group: "g", member: "a" },
      { _tag: "ClockAdvanced", nowMs: 20_000, expired: [], rebalanced: [] },
      { _tag: "HeartbeatOk", group: "g", member: "b", generation: 2, assignment: [] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "g", member: "a" }],
        rebalanced: [{ group: "g", generation: 3 }]
      },
      { _tag: "RebalanceInProgress", group: "g", member: "b", generation: 3, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "b", records: [record("t", 0, 1, "b"), record("t", 0, 2, "c")] },
      { _tag: "Processed", group: "g", member: "b", topic: "t", partition: 0, offset: 1 },
      { _tag: "Processed", group: "g", member: "b", topic: "t", partition: 0, offset: 2 },
      { _tag: "Committed", group: "g", member: "b", generation: 3, offsets: [{ topic: "t", partition: 0, offset: 3 }] }
    ])
  })

  it("fences a commit from a stale generation, and accepts it once the client synced", async () => {
    expect(
      await run([
        send("t", "a"),
        join("g", "a"),
        poll("g", "a"),
        join("g", "b"),
        commit("g", "a", [["t", 0, 1]]),
        heartbeat("g", "a"),
        commit("g", "a", [["t", 0, 1]]),
        commit("g", "a", [["t", 1, 0]])
      ], singleGroup(2))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0), tp("t", 1)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [tp("t", 1)] },
      { _tag: "StaleGeneration", group: "g", member: "a", generation: 1, generationCurrent: 2 },
      { _tag: "RebalanceInProgress", group: "g", member: "a", generation: 2, assignment: [tp("t", 0)] },
      { _tag: "Committed", group: "g", member: "a", generation: 2, offsets: [{ topic: "t", partition: 0, offset: 1 }] },
      { _tag: "NotAssigned", group: "g", member: "a", topic: "t", partition: 1 }
    ])
  })

  it("keeps a crashed member's place when it rejoins, and appends a rejoining zombie", async () => {
    expect(
      await run([
        join("g", "a"),
        join("g", "b"),
        crash("g", "a"),
        join("g", "a"),
        advance(30_000),
        join("g", "b"),
        join("g", "a"),
        advance(30_000)
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Joined", group: "g", member: "b", generation: 2, assignment: [] },
      { _tag: "Crashed", group: "g", member: "a" },
      { _tag: "Joined", group: "g", member: "a", generation: 3, assignment: [tp("t", 0)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "g", member: "a" }, { group: "g", member: "b" }],
        rebalanced: [{ group: "g", generation: 4 }]
      },
      { _tag: "Joined", group: "g", member: "b", generation: 5, assignment: [tp("t", 0)] },
      { _tag: "Joined", group: "g", member: "a", generation: 6, assignment: [tp("t", 0)] },
      {
        _tag: "ClockAdvanced",
        nowMs: 60_000,
        expired: [{ group: "g", member: "b" }, { group: "g", member: "a" }],
        rebalanced: [{ group: "g", generation: 7 }]
      }
    ])
  })

  it("lets a zombie (expired but running) process, seek and crash, but not reach the broker", async () => {
    expect(
      await run([
        send("t", "a"),
        join("g", "a"),
        poll("g", "a"),
        advance(30_000),
        processRecord("g", "a", "t", 0, 0),
        commit("g", "a", [["t", 0, 1]]),
        seek("g", "a", "t", 0, 0),
        poll("g", "a"),
        crash("g", "a")
      ], singleGroup(1))
    ).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a")] },
      {
        _tag: "ClockAdvanced",
        nowMs: 30_000,
        expired: [{ group: "g", member: "a" }],
        rebalanced: [{ group: "g", generation: 2 }]
      },
      { _tag: "Processed", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "UnknownMember", group: "g", member: "a" },
      { _tag: "Seeked", group: "g", member: "a", topic: "t", partition: 0, offset: 0 },
      { _tag: "UnknownMember", group: "g", member: "a" },
      { _tag: "Crashed", group: "g", member: "a" }
    ])
  })

  it("counts time from the moment it was opened, on the caller's TestClock", async () => {
    const responses = await Effect.runPromise(
      Effect.gen(function*() {
        yield* TestClock.adjust(1_000)
        const session = yield* builtinTarget.open(singleGroup(1))
        const sent = yield* session.execute(send("t", "a"))
        yield* session.execute(join("g", "a"))
        const polled = yield* session.execute(poll("g", "a"))
        yield* TestClock.adjust(7)
        const advanced = yield* session.execute(advance(7))
        return [sent, polled, advanced]
      }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
    )
    expect(responses).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Polled", group: "g", member: "a", records: [record("t", 0, 0, "a", { timestampMs: 0 })] },
      { _tag: "ClockAdvanced", nowMs: 7, expired: [], rebalanced: [] }
    ])
  })

  it("opens independent sessions: two brokers never share state", async () => {
    const responses = await Effect.runPromise(
      Effect.gen(function*() {
        const first = yield* builtinTarget.open(singleGroup(1))
        const second = yield* builtinTarget.open(singleGroup(1))
        yield* first.execute(send("t", "a"))
        yield* first.execute(join("g", "a"))
        return [yield* second.execute(send("t", "b")), yield* second.execute(join("g", "a"))]
      }).pipe(Effect.scoped, Effect.provide(TestClock.layer()))
    )
    expect(responses).toStrictEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "Joined", group: "g", member: "a", generation: 1, assignment: [tp("t", 0)] }
    ])
  })
})
