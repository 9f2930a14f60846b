import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Command } from "../spec/command.ts"
import type { LogRecord } from "../spec/record.ts"
import { clientOf, entriesOf, init, lastStableOffsetOf, run, step } from "./index.ts"
import { cmd, configTransactional } from "./internal/testing.ts"

const s0 = init(configTransactional)
const rec = (offset: number, producer: string, value: string): LogRecord => ({ topic: "t", partition: 0, offset, producer, key: "k3", value, timestampMs: 0 })
const values = (response: unknown): ReadonlyArray<string> => (response as { records: ReadonlyArray<LogRecord> }).records.map((r) => `${r.offset}:${r.value}`)

/** Partition t/0: 0 plain, 1 aborted txn record, 2 plain, 3 abort marker, 4 txn committed, 5 commit marker, 6 plain. */
const mixed = run(s0, [
  cmd.join("ru", "m"),
  cmd.join("rc", "m"),
  cmd.init("tx"),
  cmd.send("plain", "t", "p0", "k3"),
  cmd.begin("tx"),
  cmd.send("tx", "t", "aborted", "k3"),
  cmd.send("plain", "t", "p2", "k3"),
  cmd.txnAbort("tx"),
  cmd.begin("tx"),
  cmd.send("tx", "t", "committed", "k3"),
  cmd.txnCommit("tx"),
  cmd.send("plain", "t", "p6", "k3")
]).state

describe("read_uncommitted and read_committed polls", () => {
  it("read_uncommitted delivers every data record, aborted ones included, and skips markers", () => {
    const { responses } = run(mixed, [cmd.poll("ru", "m", 10)])
    expect(values(responses[0])).toEqual(["0:p0", "1:aborted", "2:p2", "4:committed", "6:p6"])
  })

  it("read_committed skips aborted records and markers: the reader sees offset gaps", () => {
    const { state, responses } = run(mixed, [cmd.poll("rc", "m", 10)])
    expect(responses[0]).toEqual({
      _tag: "Polled",
      group: "rc",
      member: "m",
      records: [rec(0, "plain", "p0"), rec(2, "plain", "p2"), rec(4, "tx", "committed"), rec(6, "plain", "p6")]
    })
    expect(clientOf(state, "rc", "m")?.positions).toEqual([
      { topic: "t", partition: 0, offset: 7 },
      { topic: "t", partition: 1, offset: 0 }
    ])
  })

  it("the position is right after the last delivered record when recordsMax runs out, else the bound past skipped offsets", () => {
    const { state, responses } = run(mixed, [cmd.poll("rc", "m", 1), cmd.poll("rc", "m", 1), cmd.poll("rc", "m", 1)])
    expect(responses.map(values)).toEqual([["0:p0"], ["2:p2"], ["4:committed"]])
    expect(clientOf(state, "rc", "m")?.positions[0]).toEqual({ topic: "t", partition: 0, offset: 5 })
    const rest = run(state, [cmd.poll("rc", "m", 5), cmd.poll("rc", "m", 5)])
    expect(rest.responses.map(values)).toEqual([["6:p6"], []])
    expect(clientOf(rest.state, "rc", "m")?.positions[0]).toEqual({ topic: "t", partition: 0, offset: 7 })
  })

  it("a walk over trailing skipped offsets sets the position at the bound", () => {
    const { state, responses } = run(s0, [cmd.join("rc", "m"), cmd.init("tx"), cmd.begin("tx"), cmd.send("tx", "t", "x", "k3"), cmd.txnAbort("tx"), cmd.poll("rc", "m", 3)])
    expect(values(responses[5])).toEqual([])
    expect(clientOf(state, "rc", "m")?.positions[0]).toEqual({ topic: "t", partition: 0, offset: 2 })
  })

  it("read_committed stops at the last stable offset while a transaction is open, then reads on once it commits", () => {
    const open = run(s0, [
      cmd.join("rc", "m"),
      cmd.join("ru", "m"),
      cmd.init("tx"),
      cmd.send("plain", "t", "before", "k3"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "open", "k3"),
      cmd.send("plain", "t", "after", "k3"),
      cmd.poll("rc", "m", 10),
      cmd.poll("ru", "m", 10)
    ])
    expect(values(open.responses[7])).toEqual(["0:before"])
    expect(values(open.responses[8])).toEqual(["0:before", "1:open", "2:after"])
    expect(clientOf(open.state, "rc", "m")?.positions[0]).toEqual({ topic: "t", partition: 0, offset: 1 })
    const committed = run(open.state, [cmd.txnCommit("tx"), cmd.poll("rc", "m", 10)])
    expect(values(committed.responses[1])).toEqual(["1:open", "2:after"])
    const aborted = run(open.state, [cmd.txnAbort("tx"), cmd.poll("rc", "m", 10)])
    expect(values(aborted.responses[1])).toEqual(["2:after"])
  })

  it("a partition reached with nothing left of recordsMax keeps its start as position", () => {
    const { state } = run(mixed, [cmd.send("plain", "t", "q", "k0"), cmd.poll("rc", "m", 1)])
    expect(clientOf(state, "rc", "m")?.positions).toEqual([
      { topic: "t", partition: 0, offset: 1 },
      { topic: "t", partition: 1, offset: 0 }
    ])
  })

  it("a position past the last stable offset (a seek) stays where it is", () => {
    const { state, responses } = run(s0, [
      cmd.join("rc", "m"),
      cmd.init("tx"),
      cmd.begin("tx"),
      cmd.send("tx", "t", "open", "k3"),
      cmd.send("plain", "t", "after", "k3"),
      cmd.seek("rc", "m", "t", 0, 2),
      cmd.poll("rc", "m", 10)
    ])
    expect(values(responses[6])).toEqual([])
    expect(clientOf(state, "rc", "m")?.positions[0]).toEqual({ topic: "t", partition: 0, offset: 2 })
  })
})

describe("read_committed agrees with a naive reading of the dumped log", () => {
  const config = { ...configTransactional, producers: [...configTransactional.producers!, { name: "other", idempotent: true, transactionalId: "U" }] }
  const producerArb = fc.constantFrom("tx", "tx2", "other")
  const commandArb: fc.Arbitrary<Command> = fc.oneof(
    producerArb.map(cmd.init),
    producerArb.map(cmd.begin),
    fc.tuple(producerArb, fc.boolean()).map(([p, lost]) => (lost ? cmd.sendLost(p, "t", "v", "k3") : cmd.send(p, "t", "v", "k3"))),
    producerArb.map((p) => cmd.retry(p)),
    producerArb.map(cmd.txnCommit),
    producerArb.map(cmd.txnAbort),
    fc.constant(cmd.send("plain", "t", "p", "k3")),
    fc.constant(cmd.send("idem", "t", "i", "k3")),
    fc.constant(cmd.advance(4_000))
  )

  it("delivers exactly the data records below the last stable offset whose transaction's next marker is not an abort", () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (commands, recordsMax) => {
        const { state } = run(init(config), [...commands, cmd.join("rc", "m")])
        const entries = entriesOf(state, "t", 0)
        const lso = lastStableOffsetOf(state, "t", 0)!
        const expected = entries
          .filter((entry, offset) => {
            if (entry._tag !== "Data" || offset >= lso) return false
            if (entry.transactional !== true) return true
            const marker = entries.slice(offset + 1).find((later) => later._tag === "Marker" && later.producerId === entry.producerId)
            return marker !== undefined && marker._tag === "Marker" && marker.control === "commit"
          })
          .map((entry) => entry.offset)
        const delivered: Array<number> = []
        let current = state
        for (let i = 0; i < 40 && delivered.length <= expected.length; i++) {
          const polled = step(current, cmd.poll("rc", "m", recordsMax))
          current = polled.state
          const records = (polled.response as { records: ReadonlyArray<LogRecord> }).records.filter((r) => r.partition === 0)
          if ((polled.response as { records: ReadonlyArray<LogRecord> }).records.length === 0) break
          delivered.push(...records.map((r) => r.offset))
        }
        expect(delivered).toEqual(expected)
      }),
      { numRuns: 200 }
    )
  })
})
