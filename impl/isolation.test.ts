import { describe, expect, it } from "vitest"
import { begin, init, join, poll, record, send, sendOffsets, txnAbort, txnCommit } from "./internal/testCommands.ts"
import { run, transactional } from "./internal/testRun.ts"

const txRecord = (offset: number, value: string) => record("t", 0, offset, value, { producer: "tx" })
const plain = (offset: number, value: string) => record("t", 0, offset, value, { producer: "plain" })
const polled = (group: string, records: ReadonlyArray<unknown>, member = "m") => ({ _tag: "Polled", group, member, records })

describe("ConsumerPoll under isolation", () => {
  it("read_committed stops at the last stable offset; read_uncommitted reads to the high watermark", async () => {
    const responses = await run([
      send("t", "a", undefined, "plain"),
      init("tx"),
      begin("tx"),
      send("t", "b", undefined, "tx"),
      send("t", "c", undefined, "plain"),
      join("rc", "m"),
      join("ru", "m"),
      poll("rc", "m"),
      poll("ru", "m"),
      txnCommit("tx"),
      poll("rc", "m")
    ], transactional)
    expect(responses.slice(7)).toStrictEqual([
      polled("rc", [plain(0, "a")]),
      polled("ru", [plain(0, "a"), txRecord(1, "b"), plain(2, "c")]),
      { _tag: "TxnCommitted", producer: "tx", markers: [{ topic: "t", partition: 0, offset: 3 }] },
      polled("rc", [txRecord(1, "b"), plain(2, "c")])
    ])
  })

  it("read_committed skips aborted records and markers; read_uncommitted delivers aborted records, never markers", async () => {
    const responses = await run([
      init("tx"),
      begin("tx"),
      send("t", "a", undefined, "tx"),
      txnAbort("tx"),
      send("t", "b", undefined, "plain"),
      join("rc", "m"),
      join("ru", "m"),
      poll("rc", "m"),
      poll("ru", "m"),
      poll("rc", "m")
    ], transactional)
    expect(responses.slice(7)).toStrictEqual([
      polled("rc", [plain(2, "b")]),
      polled("ru", [txRecord(0, "a"), plain(2, "b")]),
      polled("rc", [])
    ])
  })

  it("the position moves past trailing skipped offsets, and stops right after the last record when recordsMax runs out", async () => {
    const responses = await run([
      send("t", "a", undefined, "plain"),
      init("tx"),
      begin("tx"),
      send("t", "x", undefined, "tx"),
      txnAbort("tx"),
      send("t", "b", undefined, "plain"),
      join("rc", "m"),
      poll("rc", "m", 1),
      poll("rc", "m", 1),
      poll("rc", "m", 1),
      send("t", "c", undefined, "plain"),
      poll("rc", "m", 1)
    ], transactional)
    expect(responses.slice(7)).toStrictEqual([
      polled("rc", [plain(0, "a")]),
      polled("rc", [plain(3, "b")]),
      polled("rc", []),
      { _tag: "Sent", topic: "t", partition: 0, offset: 4 },
      polled("rc", [plain(4, "c")])
    ])
  })

  it("a read_committed member without a position waits while an open transaction holds offsets for its group (KIP-447)", async () => {
    const responses = await run([
      send("t", "a", undefined, "plain"),
      send("t", "b", undefined, "plain"),
      join("rc", "m"),
      init("tx"),
      begin("tx"),
      sendOffsets("tx", "rc", "m", [["t", 0, 1]]),
      join("rc", "n"),
      join("ru", "m"),
      poll("rc", "m"),
      poll("rc", "m"),
      poll("ru", "m", 1),
      txnCommit("tx"),
      poll("rc", "m")
    ], transactional)
    expect(responses.slice(6, 7)).toStrictEqual([{
      _tag: "Joined",
      group: "rc",
      member: "n",
      generation: 2,
      assignment: [{ topic: "u", partition: 1 }]
    }])
    expect(responses.slice(8)).toStrictEqual([
      {
        _tag: "RebalanceInProgress",
        group: "rc",
        member: "m",
        generation: 2,
        assignment: [{ topic: "o", partition: 0 }, { topic: "t", partition: 0 }, { topic: "u", partition: 0 }]
      },
      polled("rc", []),
      polled("ru", [plain(0, "a")]),
      { _tag: "TxnCommitted", producer: "tx", markers: [] },
      polled("rc", [plain(1, "b")])
    ])
  })
})
