import { describe, expect, it } from "vitest"
import type { Response } from "../../spec/response.ts"
import { formatCommand } from "./command.ts"
import { describeDifference } from "./difference.ts"
import { formatResponse } from "./response.ts"

const dumped = (entries: Extract<Response, { _tag: "Dumped" }>["entries"], lastStableOffset = entries.length): Response => ({
  _tag: "Dumped",
  topic: "orders",
  partition: 0,
  entries,
  highWatermark: entries.length,
  lastStableOffset
})

describe("producers, transactions and observers in the step table", () => {
  it("prints every new command on one line", () => {
    expect(formatCommand({ _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0", ackLost: true }))
      .toBe("ProducerSend p0 -> orders value=v0 ackLost")
    expect(formatCommand({ _tag: "ProducerRetry", producer: "p0" })).toBe("ProducerRetry p0")
    expect(formatCommand({ _tag: "ProducerRetry", producer: "p0", ackLost: true })).toBe("ProducerRetry p0 ackLost")
    expect(formatCommand({ _tag: "ProducerInit", producer: "tx" })).toBe("ProducerInit tx")
    expect(formatCommand({ _tag: "ProducerCrash", producer: "tx" })).toBe("ProducerCrash tx")
    expect(formatCommand({ _tag: "TxnBegin", producer: "billing/a" })).toBe('TxnBegin "billing/a"')
    expect(formatCommand({ _tag: "TxnCommit", producer: "tx" })).toBe("TxnCommit tx")
    expect(formatCommand({ _tag: "TxnAbort", producer: "tx" })).toBe("TxnAbort tx")
    expect(formatCommand({
      _tag: "TxnSendOffsets",
      producer: "tx",
      group: "billing",
      member: "a",
      offsets: [{ topic: "orders", partition: 0, offset: 3 }]
    })).toBe("TxnSendOffsets tx for billing/a [orders/0@3]")
    expect(formatCommand({ _tag: "ObserverDump", topic: "orders", partition: 1, offset: 0, entriesMax: 1000 }))
      .toBe("ObserverDump orders/1 from=0 max=1000")
    expect(formatCommand({ _tag: "ObserverOffsets", group: "billing" })).toBe("ObserverOffsets billing")
  })

  it("prints every new answer on one line, optional keys only when present", () => {
    const processed = { _tag: "Processed", group: "eo", member: "a", topic: "orders", partition: 0, offset: 2 } as const
    expect(formatResponse(processed)).toBe("Processed orders/0@2")
    expect(formatResponse({ ...processed, output: { topic: "out", partition: 1, offset: 4 } })).toBe("Processed orders/0@2 -> out/1@4")
    expect(formatResponse({ _tag: "ClockAdvanced", nowMs: 5, expired: [], rebalanced: [] })).toBe("ClockAdvanced now=5ms")
    expect(formatResponse({
      _tag: "ClockAdvanced",
      nowMs: 60000,
      expired: [],
      rebalanced: [],
      transactionsAborted: [{ transactionalId: "tx", epoch: 1, markers: [{ topic: "orders", partition: 0, offset: 2 }] }]
    })).toBe("ClockAdvanced now=60000ms timedOut=[tx@epoch=1 [orders/0@2]]")
    expect(formatResponse({ _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 0 })).toBe("ProducerInitialized pid=0 epoch=0")
    expect(formatResponse({ _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 1, aborted: [{ topic: "orders", partition: 1, offset: 3 }] }))
      .toBe("ProducerInitialized pid=0 epoch=1 aborted=[orders/1@3]")
    expect(formatResponse({ _tag: "TxnCommitted", producer: "tx", markers: [{ topic: "orders", partition: 0, offset: 1 }, { topic: "out", partition: 0, offset: 1 }] }))
      .toBe("TxnCommitted markers=[orders/0@1 out/0@1]")
    expect(formatResponse({ _tag: "TxnAborted", producer: "tx", markers: [] })).toBe("TxnAborted markers=[]")
    expect(formatResponse({ _tag: "TxnOffsetsSent", producer: "tx", group: "eo", member: "a", generation: 2, offsets: [{ topic: "orders", partition: 0, offset: 3 }] }))
      .toBe("TxnOffsetsSent eo/a gen=2 [orders/0@3]")
    expect(formatResponse({ _tag: "OffsetsFetched", group: "eo", offsets: [] })).toBe("OffsetsFetched eo []")
    expect(formatResponse({ _tag: "SendTimedOut", producer: "p0", topic: "orders", partition: 1 })).toBe("SendTimedOut p0 -> orders/1")
    expect(formatResponse({ _tag: "ProducerFenced", producer: "tx" })).toBe("ProducerFenced tx")
    expect(formatResponse({ _tag: "UnknownPartition", topic: "orders", partition: 9 })).toBe("UnknownPartition orders/9")
  })

  it("prints a dump's records and markers, at most six of them", () => {
    const marker = { _tag: "Marker", offset: 1, transactionalId: "tx", producerId: 0, epoch: 0, control: "commit", timestampMs: 0 } as const
    const data = { _tag: "Data", offset: 0, producer: "tx", key: "k", value: "v0", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0, transactional: true } as const
    expect(formatResponse(dumped([data, marker], 2)))
      .toBe("Dumped orders/0 hw=2 lso=2 [@0 tx key=k value=v0 pid=0 epoch=0 seq=0 txn, @1 commit tx pid=0 epoch=0]")
    const plain = (offset: number) => ({ _tag: "Data", offset, producer: "p", value: `v${offset}`, timestampMs: 0 }) as const
    expect(formatResponse(dumped([0, 1, 2, 3, 4, 5, 6].map(plain))))
      .toBe("Dumped orders/0 hw=7 lso=7 [@0 p value=v0, @1 p value=v1, @2 p value=v2, @3 p value=v3, @4 p value=v4, @5 p value=v5, ... (7 in all)]")
  })
})

describe("describeDifference for transactions", () => {
  it("names a lost abort marker, a moved result, a different epoch, a leaked committed offset", () => {
    expect(describeDifference(
      { _tag: "TxnAborted", producer: "tx", markers: [{ topic: "orders", partition: 0, offset: 2 }] },
      { _tag: "TxnAborted", producer: "tx", markers: [] }
    )).toBe("TxnAborted: abort markers missing orders/0@2")
    const processed = { _tag: "Processed", group: "eo", member: "a", topic: "orders", partition: 0, offset: 2 } as const
    expect(describeDifference({ ...processed, output: { topic: "out", partition: 0, offset: 1 } }, processed))
      .toBe("Processed: result at none instead of out/0@1")
    expect(describeDifference(
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 2 },
      { _tag: "ProducerInitialized", producer: "tx", producerId: 0, epoch: 1 }
    )).toBe("ProducerInitialized: epoch 1 instead of 2")
    expect(describeDifference(
      { _tag: "OffsetsFetched", group: "eo", offsets: [] },
      { _tag: "OffsetsFetched", group: "eo", offsets: [{ topic: "orders", partition: 0, offset: 3 }] }
    )).toBe("OffsetsFetched: committed offsets extra orders/0@3")
    expect(describeDifference(
      { _tag: "ClockAdvanced", nowMs: 9, expired: [], rebalanced: [], transactionsAborted: [{ transactionalId: "tx", epoch: 1, markers: [] }] },
      { _tag: "ClockAdvanced", nowMs: 9, expired: [], rebalanced: [] }
    )).toBe("ClockAdvanced: timed-out transactions missing tx@epoch=1 []")
  })

  it("names the dump's offsets, watermarks and entries that differ", () => {
    const data = (offset: number, value = `v${offset}`) => ({ _tag: "Data", offset, producer: "p", value, timestampMs: 0 }) as const
    const marker = { _tag: "Marker", offset: 1, transactionalId: "tx", producerId: 0, epoch: 0, control: "abort", timestampMs: 0 } as const
    expect(describeDifference(dumped([data(0), data(1)]), dumped([data(0)]))).toBe("Dumped: high watermark 1 instead of 2; last stable offset 1 instead of 2; entries missing @1")
    expect(describeDifference(dumped([data(0), marker]), dumped([data(0), { ...marker, control: "commit" }])))
      .toBe("Dumped: entry @1 commit tx pid=0 epoch=0 instead of @1 abort tx pid=0 epoch=0")
  })
})
