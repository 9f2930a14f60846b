import { describe, expect, it } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { formatSequenceDiagram } from "./mermaid.ts"

describe("formatSequenceDiagram with transactions", () => {
  it("draws producer and transaction calls as requests, begin and crashes as notes, an exactly-once result as a send", () => {
    const steps: ReadonlyArray<[Command, Response]> = [
      [{ _tag: "ProducerInit", producer: "tp" }, { _tag: "ProducerInitialized", producer: "tp", producerId: 0, epoch: 0 }],
      [{ _tag: "TxnBegin", producer: "tp" }, { _tag: "TxnBegun", producer: "tp" }],
      [{ _tag: "ProducerSend", producer: "tp", topic: "orders", value: "v0", ackLost: true }, { _tag: "SendTimedOut", producer: "tp", topic: "orders", partition: 0 }],
      [{ _tag: "ProducerRetry", producer: "tp" }, { _tag: "Sent", topic: "orders", partition: 0, offset: 0 }],
      [{ _tag: "TxnCommit", producer: "tp" }, { _tag: "TxnCommitted", producer: "tp", markers: [{ topic: "orders", partition: 0, offset: 1 }] }],
      [
        { _tag: "ConsumerProcess", group: "eo", member: "a", topic: "orders", partition: 0, offset: 0 },
        { _tag: "Processed", group: "eo", member: "a", topic: "orders", partition: 0, offset: 0, output: { topic: "out", partition: 0, offset: 0 } }
      ],
      [{ _tag: "ProducerCrash", producer: "tp" }, { _tag: "ProducerCrashed", producer: "tp" }],
      [{ _tag: "ObserverOffsets", group: "eo" }, { _tag: "OffsetsFetched", group: "eo", offsets: [] }]
    ]
    const lines = formatSequenceDiagram(steps.map(([command]) => command), steps.map(([, response]) => response)).split("\n")
    expect(lines).toContain("  tp->>Broker: 1. init transactions")
    expect(lines).toContain("  Note over tp: 2. begin transaction, TxnBegun")
    expect(lines).toContain("  tp->>Broker: 3. send orders v0 (ack lost)")
    expect(lines).toContain("  Broker-->>tp: SendTimedOut tp to orders/0")
    expect(lines).toContain("  tp->>Broker: 4. retry")
    expect(lines).toContain("  Broker-->>tp: TxnCommitted markers=[orders/0@1]")
    expect(lines).toContain("  eo_a->>Broker: 6. process orders/0@0")
    expect(lines).toContain("  Note over tp: 7. crash, ProducerCrashed")
    expect(lines).toContain("  observer->>Broker: 8. offsets of eo")
  })
})

describe("formatSequenceDiagram with queues", () => {
  it("draws queue consumers as <queue>/<consumer>, the sender and the operator as actors, processing and crashes as notes", () => {
    const steps: ReadonlyArray<[Command, Response]> = [
      [{ _tag: "QueueSend", sender: "shop", queue: "orders.fifo", value: "v0", group: "g1", dedupId: "d1" }, { _tag: "Enqueued", queue: "orders.fifo", messageId: 0 }],
      [
        { _tag: "QueueReceive", queue: "orders.fifo", consumer: "a", messagesMax: 2 },
        { _tag: "Received", queue: "orders.fifo", consumer: "a", messages: [{ messageId: 0, value: "v0", group: "g1", dedupId: "d1", receipt: 0, receiveCount: 1 }] }
      ],
      [{ _tag: "QueueProcess", queue: "orders.fifo", consumer: "a", receipt: 0 }, { _tag: "QueueProcessed", queue: "orders.fifo", consumer: "a", receipt: 0, messageId: 0 }],
      [{ _tag: "QueueCrash", queue: "orders.fifo", consumer: "a" }, { _tag: "QueueCrashed", queue: "orders.fifo", consumer: "a", receipts: [] }],
      [
        { _tag: "ClockAdvance", ms: 30_000 },
        { _tag: "ClockAdvanced", nowMs: 30_000, expired: [], rebalanced: [], deadLettered: [{ queue: "orders.fifo", messageId: 0, deadLetterQueue: "orders-dlq.fifo" }] }
      ],
      [{ _tag: "QueueRedrive", queue: "orders-dlq.fifo" }, { _tag: "Redriven", queue: "orders-dlq.fifo", messages: [{ messageId: 0, source: "orders.fifo" }] }],
      [
        { _tag: "QueueAck", queue: "orders.fifo", consumer: "b", receipt: 0 },
        { _tag: "Acknowledged", queue: "orders.fifo", consumer: "b", receipt: 0, messageId: 0, deleted: false }
      ],
      [{ _tag: "ObserverQueue", queue: "orders.fifo" }, { _tag: "QueueListed", queue: "orders.fifo", messages: [], remembered: [] }]
    ]
    const lines = formatSequenceDiagram(steps.map(([command]) => command), steps.map(([, response]) => response)).split("\n")
    expect(lines.slice(0, 7)).toEqual([
      "sequenceDiagram",
      "  participant shop as shop",
      "  participant orders_fifo_a as orders.fifo/a",
      "  participant operator as operator",
      "  participant orders_fifo_b as orders.fifo/b",
      "  participant observer as observer",
      "  participant Broker"
    ])
    expect(lines).toContain("  shop->>Broker: 1. send orders.fifo group=g1 dedup=d1 v0")
    expect(lines).toContain("  Broker-->>shop: Enqueued orders.fifo 0")
    expect(lines).toContain("  orders_fifo_a->>Broker: 2. receive max=2")
    expect(lines.find((line) => line.startsWith("  Broker-->>orders_fifo_a: Received [0("))).toBeDefined()
    expect(lines).toContain("  Note over orders_fifo_a: 3. process receipt 0, QueueProcessed 0 receipt=0")
    expect(lines).toContain("  Note over orders_fifo_a: 4. crash, QueueCrashed receipts=[]")
    expect(lines.find((line) => line.startsWith("  Note over Broker: 5. clock +30000ms gives ClockAdvanced now=30000ms"))).toBeDefined()
    expect(lines).toContain("  operator->>Broker: 6. redrive orders-dlq.fifo")
    expect(lines).toContain("  orders_fifo_b->>Broker: 7. delete receipt 0")
    expect(lines).toContain("  Broker-->>orders_fifo_b: Acknowledged 0 receipt=0 stale")
    expect(lines).toContain("  observer->>Broker: 8. list orders.fifo")
    expect(lines.some((line) => line.includes("#"))).toBe(false)
  })
})
