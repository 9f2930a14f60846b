import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { entriesOf, init, producerClientOf, recordsOf, run } from "../index.ts"
import { cmd, configTransactional } from "../internal/testing.ts"

const s0 = init(configTransactional)

describe("lost acknowledgements and retries", () => {
  it("an idempotent producer's retry gets the original offset and appends nothing", () => {
    const { state, responses } = run(s0, [cmd.send("idem", "t", "v0", "k3"), cmd.sendLost("idem", "t", "v1", "k3"), cmd.retry("idem", true), cmd.retry("idem")])
    expect(responses).toEqual([
      { _tag: "Sent", topic: "t", partition: 0, offset: 0 },
      { _tag: "SendTimedOut", producer: "idem", topic: "t", partition: 0 },
      { _tag: "SendTimedOut", producer: "idem", topic: "t", partition: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 }
    ])
    expect(entriesOf(state, "t", 0)).toEqual([
      { _tag: "Data", offset: 0, producer: "idem", key: "k3", value: "v0", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0 },
      { _tag: "Data", offset: 1, producer: "idem", key: "k3", value: "v1", timestampMs: 0, producerId: 0, epoch: 0, sequence: 1 }
    ])
    expect(producerClientOf(state, "idem").pending).toBeUndefined()
  })

  it("a plain producer's retry appends a second copy (the two generals duplicate)", () => {
    const { state, responses } = run(s0, [cmd.sendLost("plain", "t", "v0", "k3"), cmd.retry("plain"), cmd.retry("plain")])
    expect(responses).toEqual([
      { _tag: "SendTimedOut", producer: "plain", topic: "t", partition: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 },
      { _tag: "NothingToRetry", producer: "plain" }
    ])
    expect(recordsOf(state, "t", 0).map((r) => [r.offset, r.value])).toEqual([
      [0, "v0"],
      [1, "v0"]
    ])
    expect(entriesOf(state, "t", 0)[1]).toEqual({ _tag: "Data", offset: 1, producer: "plain", key: "k3", value: "v0", timestampMs: 0 })
  })

  it("a retry of an unkeyed send goes to the same partition and leaves the round-robin counter alone", () => {
    const { responses } = run(s0, [cmd.sendLost("plain", "t", "v0"), cmd.retry("plain"), cmd.send("plain", "t", "v1")])
    expect(responses).toEqual([
      { _tag: "SendTimedOut", producer: "plain", topic: "t", partition: 0 },
      { _tag: "Sent", topic: "t", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "t", partition: 1, offset: 0 }
    ])
  })

  it("any later send drops the pending send, so only the last send can be retried", () => {
    const { responses } = run(s0, [cmd.sendLost("idem", "t", "v0", "k3"), cmd.send("idem", "t", "v1", "k0"), cmd.retry("idem")])
    expect(responses[2]).toEqual({ _tag: "NothingToRetry", producer: "idem" })
  })

  it("numbers sends per partition and gives a restarted idempotent producer a new producer id", () => {
    const { state, responses } = run(s0, [
      cmd.send("idem", "t", "a", "k3"),
      cmd.send("idem", "t", "b", "k0"),
      cmd.send("idem", "t", "c", "k3"),
      cmd.producerCrash("idem"),
      cmd.producerCrash("idem"),
      cmd.send("idem", "t", "d", "k3")
    ])
    expect(responses[3]).toEqual({ _tag: "ProducerCrashed", producer: "idem" })
    expect(responses[4]).toEqual({ _tag: "ProducerCrashed", producer: "idem" })
    expect(entriesOf(state, "t", 0).map((e) => (e._tag === "Data" ? [e.value, e.producerId, e.sequence] : []))).toEqual([
      ["a", 0, 0],
      ["c", 0, 1],
      ["d", 1, 0]
    ])
    expect(entriesOf(state, "t", 1).map((e) => (e._tag === "Data" ? [e.value, e.producerId, e.sequence] : []))).toEqual([["b", 0, 0]])
  })

  it("a crash forgets the broker's last appends of a non-transactional producer id, which no retry can carry again", () => {
    const sent = run(s0, [cmd.send("idem", "t", "a", "k3"), cmd.send("idem", "t", "b", "k0"), cmd.init("tx"), cmd.begin("tx"), cmd.send("tx", "t", "c", "k3")]).state
    expect([...sent.coordinator.lastAppends.keys()]).toEqual(["0/0/0", "0/0/1", "1/0/0"])
    expect([...run(sent, [cmd.producerCrash("idem"), cmd.producerCrash("tx")]).state.coordinator.lastAppends.keys()]).toEqual(["1/0/0"])
  })

  it("a crash drops the pending send", () => {
    const { responses } = run(s0, [cmd.sendLost("idem", "t", "v0", "k3"), cmd.producerCrash("idem"), cmd.retry("idem")])
    expect(responses[2]).toEqual({ _tag: "NothingToRetry", producer: "idem" })
  })
})

describe("producers the config does not name", () => {
  it("are plain: no producer id, no transactions, answers as before", () => {
    const { state, responses } = run(init(configDefault), [cmd.send("p", "orders", "v", "k2"), cmd.init("p"), cmd.begin("p"), cmd.txnCommit("p")])
    expect(responses).toEqual([
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 },
      { _tag: "NotTransactional", producer: "p" },
      { _tag: "NotTransactional", producer: "p" },
      { _tag: "NotTransactional", producer: "p" }
    ])
    expect(entriesOf(state, "orders", 0)).toEqual([{ _tag: "Data", offset: 0, producer: "p", key: "k2", value: "v", timestampMs: 0 }])
    expect(producerClientOf(state, "p")).toEqual({ producerId: undefined, epoch: undefined, fenced: false, inTransaction: false, pending: undefined })
  })

  it("an idempotent producer that is not transactional cannot initialize", () => {
    expect(run(s0, [cmd.init("idem")]).responses).toEqual([{ _tag: "NotTransactional", producer: "idem" }])
  })
})
