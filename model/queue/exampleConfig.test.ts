import * as fs from "node:fs"
import * as path from "node:path"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { Config } from "../../spec/config.ts"
import { init, run } from "../index.ts"
import { qcmd } from "./internal/testing.ts"

const shipped = Schema.decodeUnknownSync(Config)(
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../examples/configs/queue-and-stream.json"), "utf8"))
)

describe("the shipped queue-and-stream config", () => {
  it("a poison job is received receiveCountMax (3) times, dead-lettered when its third visibility ends, redriven and then processed", () => {
    const { responses } = run(init(shipped), [
      qcmd.send("jobs", "poison"),
      qcmd.send("jobs", "fine"),
      qcmd.receive("jobs", "w1", 2),
      qcmd.process("jobs", "w1", 1),
      qcmd.ack("jobs", "w1", 1),
      qcmd.crash("jobs", "w1"),
      qcmd.advance(30_000),
      qcmd.receive("jobs", "w2", 10),
      qcmd.advance(30_000),
      qcmd.receive("jobs", "w2", 10),
      qcmd.advance(29_999),
      qcmd.advance(1),
      qcmd.receive("jobs", "w2", 10),
      qcmd.list("jobs-dlq"),
      qcmd.redrive("jobs-dlq"),
      qcmd.receive("jobs", "w3", 10),
      qcmd.process("jobs", "w3", 4),
      qcmd.ack("jobs", "w3", 4),
      qcmd.list("jobs"),
      qcmd.list("jobs-dlq")
    ])
    expect(responses).toEqual([
      { _tag: "Enqueued", queue: "jobs", messageId: 0 },
      { _tag: "Enqueued", queue: "jobs", messageId: 1 },
      {
        _tag: "Received",
        queue: "jobs",
        consumer: "w1",
        messages: [
          { messageId: 0, value: "poison", receipt: 0, receiveCount: 1 },
          { messageId: 1, value: "fine", receipt: 1, receiveCount: 1 }
        ]
      },
      { _tag: "QueueProcessed", queue: "jobs", consumer: "w1", receipt: 1, messageId: 1 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "w1", receipt: 1, messageId: 1, deleted: true },
      { _tag: "QueueCrashed", queue: "jobs", consumer: "w1", receipts: [0] },
      { _tag: "ClockAdvanced", nowMs: 30_000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "jobs", consumer: "w2", messages: [{ messageId: 0, value: "poison", receipt: 2, receiveCount: 2 }] },
      { _tag: "ClockAdvanced", nowMs: 60_000, expired: [], rebalanced: [] },
      { _tag: "Received", queue: "jobs", consumer: "w2", messages: [{ messageId: 0, value: "poison", receipt: 3, receiveCount: 3 }] },
      { _tag: "ClockAdvanced", nowMs: 89_999, expired: [], rebalanced: [] },
      { _tag: "ClockAdvanced", nowMs: 90_000, expired: [], rebalanced: [], deadLettered: [{ queue: "jobs", messageId: 0, deadLetterQueue: "jobs-dlq" }] },
      { _tag: "Received", queue: "jobs", consumer: "w2", messages: [] },
      { _tag: "QueueListed", queue: "jobs-dlq", messages: [{ messageId: 0, value: "poison", receiveCount: 3, receipt: 3, source: "jobs" }], remembered: [] },
      { _tag: "Redriven", queue: "jobs-dlq", messages: [{ messageId: 0, source: "jobs" }] },
      { _tag: "Received", queue: "jobs", consumer: "w3", messages: [{ messageId: 0, value: "poison", receipt: 4, receiveCount: 1 }] },
      { _tag: "QueueProcessed", queue: "jobs", consumer: "w3", receipt: 4, messageId: 0 },
      { _tag: "Acknowledged", queue: "jobs", consumer: "w3", receipt: 4, messageId: 0, deleted: true },
      { _tag: "QueueListed", queue: "jobs", messages: [], remembered: [] },
      { _tag: "QueueListed", queue: "jobs-dlq", messages: [], remembered: [] }
    ])
  })

  it("orders.fifo keeps each group in order and deduplicates within 5 minutes", () => {
    const { responses } = run(init(shipped), [
      qcmd.send("orders.fifo", "o1-created", "o1", "e1"),
      qcmd.send("orders.fifo", "o1-paid", "o1", "e2"),
      qcmd.send("orders.fifo", "o2-created", "o2", "e3"),
      qcmd.send("orders.fifo", "o1-created", "o1", "e1"),
      qcmd.receive("orders.fifo", "w", 1),
      qcmd.ack("orders.fifo", "w", 0),
      qcmd.receive("orders.fifo", "w", 10),
      qcmd.send("emails", "hello", "o1")
    ])
    expect(responses[3]).toEqual({ _tag: "Enqueued", queue: "orders.fifo", messageId: 0, deduplicated: true })
    expect(responses[4]).toEqual({
      _tag: "Received",
      queue: "orders.fifo",
      consumer: "w",
      messages: [{ messageId: 0, value: "o1-created", group: "o1", dedupId: "e1", receipt: 0, receiveCount: 1 }]
    })
    // o1-created deleted: the rest of o1, in order, then o2
    expect(responses[6]).toEqual({
      _tag: "Received",
      queue: "orders.fifo",
      consumer: "w",
      messages: [
        { messageId: 1, value: "o1-paid", group: "o1", dedupId: "e2", receipt: 1, receiveCount: 1 },
        { messageId: 2, value: "o2-created", group: "o2", dedupId: "e3", receipt: 2, receiveCount: 1 }
      ]
    })
    expect(responses[7]).toEqual({ _tag: "FifoOnly", queue: "emails", field: "group" })
  })
})
