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
