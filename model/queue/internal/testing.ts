/**
 * Helpers for the queue tests of the model: a config with every kind of
 * queue, command shorthands, and random commands for the purity property.
 *
 * @internal
 * @module
 */
import fc from "fast-check"
import type { Command } from "../../../spec/command.ts"
import type { Config } from "../../../spec/config.ts"
import { boundsDefault } from "../../../spec/config.ts"

/**
 * A config with queues for the model's tests, beside one topic and group:
 * `jobs` (standard, visibility 1,000 ms, dead-letters to `jobs-dlq` after 2
 * receives), `jobs-dlq` (its dead-letter queue), `plain` (standard, no
 * policy, visibility 500 ms), `orders.fifo` (FIFO, visibility 1,000 ms,
 * window 100 ms, dead-letters to `dlq.fifo` after 2 receives), `dlq.fifo`
 * (FIFO, default window), and `other` (a second source of `jobs-dlq`,
 * after 1 receive).
 */
export const configQueues: Config = {
  topics: [{ name: "t", partitions: 1 }],
  groups: [{ name: "g", mode: "at-least-once", assignor: "range", topics: ["t"] }],
  queues: [
    { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "jobs-dlq" },
    { name: "jobs-dlq", mode: "at-least-once", visibilityTimeoutMs: 1000 },
    { name: "plain", mode: "at-most-once", visibilityTimeoutMs: 500 },
    { name: "orders.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "dlq.fifo", fifo: true, dedupWindowMs: 100 },
    { name: "dlq.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, fifo: true },
    { name: "other", mode: "at-least-once", visibilityTimeoutMs: 300, receiveCountMax: 1, deadLetterQueue: "jobs-dlq" }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}

/** Shorthands for the queue commands. */
export const qcmd = {
  send: (queue: string, value: string, group?: string, dedupId?: string): Command => ({
    _tag: "QueueSend",
    sender: "s",
    queue,
    value,
    ...(group === undefined ? {} : { group }),
    ...(dedupId === undefined ? {} : { dedupId })
  }),
  receive: (queue: string, consumer: string, messagesMax: number): Command => ({ _tag: "QueueReceive", queue, consumer, messagesMax }),
  process: (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueProcess", queue, consumer, receipt }),
  ack: (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueAck", queue, consumer, receipt }),
  release: (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueRelease", queue, consumer, receipt }),
  extend: (queue: string, consumer: string, receipt: number, ms: number): Command => ({ _tag: "QueueExtend", queue, consumer, receipt, ms }),
  crash: (queue: string, consumer: string): Command => ({ _tag: "QueueCrash", queue, consumer }),
  redrive: (queue: string): Command => ({ _tag: "QueueRedrive", queue }),
  list: (queue: string): Command => ({ _tag: "ObserverQueue", queue }),
  advance: (ms: number): Command => ({ _tag: "ClockAdvance", ms })
}

/** The consumers {@link commandArbQueues} acts as. */
export const consumersQueues: ReadonlyArray<string> = ["a", "b"]

/**
 * Commands over {@link configQueues}, valid and invalid alike: sends (with
 * and without groups and dedup ids, so `FifoOnly` and `MessageGroupMissing`
 * come up), receives, processings, acknowledgements, releases and extends of
 * small receipts (current, stale and unknown), crashes, redrives, clock
 * advances across the visibility timeouts and the dedup window, listings,
 * and a few stream commands.
 */
export const commandArbQueues: fc.Arbitrary<Command> = (() => {
  const queue = fc.constantFrom("jobs", "jobs", "jobs", "orders.fifo", "orders.fifo", "orders.fifo", "plain", "jobs-dlq", "dlq.fifo", "other", "nope")
  const consumer = fc.constantFrom(...consumersQueues)
  const receipt = fc.nat(8)
  const group = fc.option(fc.constantFrom("g1", "g2"), { nil: undefined, freq: 4 })
  const dedupId = fc.option(fc.constantFrom("d1", "d2"), { nil: undefined, freq: 2 })
  return fc.oneof(
    { arbitrary: fc.tuple(queue, fc.constantFrom("v0", "v1"), group, dedupId).map(([q, v, g, d]) => qcmd.send(q, v, g, d)), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom("jobs", "orders.fifo", "plain", "other"), fc.constantFrom("v0", "v1"), fc.constantFrom("g1", "g2"), dedupId)
        .map(([q, v, g, d]) => (q === "orders.fifo" ? qcmd.send(q, v, g, d) : qcmd.send(q, v))),
      weight: 5
    },
    { arbitrary: fc.tuple(queue, consumer, fc.integer({ min: 1, max: 3 })).map(([q, c, n]) => qcmd.receive(q, c, n)), weight: 5 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]) => qcmd.process(q, c, r)), weight: 3 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]) => qcmd.ack(q, c, r)), weight: 3 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]) => qcmd.release(q, c, r)), weight: 2 },
    { arbitrary: fc.tuple(queue, consumer, receipt, fc.integer({ min: 1, max: 2000 })).map(([q, c, r, ms]) => qcmd.extend(q, c, r, ms)), weight: 1 },
    { arbitrary: fc.tuple(queue, consumer).map(([q, c]) => qcmd.crash(q, c)), weight: 1 },
    { arbitrary: queue.map(qcmd.redrive), weight: 1 },
    { arbitrary: fc.constantFrom(0, 1, 99, 100, 299, 300, 499, 500, 999, 1000).map(qcmd.advance), weight: 3 },
    { arbitrary: queue.map(qcmd.list), weight: 2 },
    { arbitrary: fc.constant<Command>({ _tag: "ProducerSend", producer: "p", topic: "t", value: "v" }), weight: 1 }
  )
})()

export { configBounded } from "../../../spec/internal/testConfigs.ts"
import { configBounded } from "../../../spec/internal/testConfigs.ts"

/** Commands over {@link configBounded}: sends (FIFO ones with groups and dedup ids), receives, acknowledgements, releases, crashes, redrives, clock advances and listings. */
export const commandArbBounded: fc.Arbitrary<Command> = (() => {
  const queue = fc.constantFrom("block", "reject", "oldest", "dlq", "newest.fifo", "oldest.fifo", "open")
  const consumer = fc.constantFrom(...consumersQueues)
  const receipt = fc.nat(8)
  const send = fc
    .tuple(queue, fc.constantFrom("v0", "v1"), fc.constantFrom("g1", "g2"), fc.option(fc.constantFrom("d1", "d2", "d3"), { nil: undefined }))
    .map(([q, v, g, d]) => (q.endsWith(".fifo") ? qcmd.send(q, v, g, d) : qcmd.send(q, v)))
  return fc.oneof(
    { arbitrary: send, weight: 6 },
    { arbitrary: fc.tuple(queue, consumer, fc.integer({ min: 1, max: 3 })).map(([q, c, n]) => qcmd.receive(q, c, n)), weight: 4 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]) => qcmd.ack(q, c, r)), weight: 2 },
    { arbitrary: fc.tuple(queue, consumer, receipt).map(([q, c, r]) => qcmd.release(q, c, r)), weight: 1 },
    { arbitrary: fc.tuple(queue, consumer).map(([q, c]) => qcmd.crash(q, c)), weight: 1 },
    { arbitrary: fc.constantFrom("dlq").map(qcmd.redrive), weight: 1 },
    { arbitrary: fc.constantFrom(1, 99, 100, 999, 1000).map(qcmd.advance), weight: 2 },
    { arbitrary: queue.map(qcmd.list), weight: 1 }
  )
})()
