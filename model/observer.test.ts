import { describe, expect, it } from "vitest"
import { init, run, step } from "./index.ts"
import { cmd, configTransactional } from "./internal/testing.ts"

const s0 = init(configTransactional)
const state = run(s0, [
  cmd.init("tx"),
  cmd.send("plain", "t", "p0", "k3"),
  cmd.begin("tx"),
  cmd.send("tx", "t", "a", "k3"),
  cmd.txnCommit("tx"),
  cmd.begin("tx"),
  cmd.send("tx", "t", "b", "k3"),
  cmd.send("idem", "t", "i", "k0"),
  cmd.join("ru", "m"),
  cmd.commit("ru", "m", [{ topic: "t", partition: 1, offset: 0 }]),
  cmd.init("tx2"),
  cmd.begin("tx2"),
  cmd.sendOffsets("tx2", "ru", "m", [{ topic: "t", partition: 0, offset: 2 }])
]).state

describe("ObserverDump", () => {
  it("shows data records and markers as stored, with the high watermark and last stable offset", () => {
    expect(step(state, cmd.dump("t", 0, 1, 2)).response).toEqual({
      _tag: "Dumped",
      topic: "t",
      partition: 0,
      entries: [
        { _tag: "Data", offset: 1, producer: "tx", key: "k3", value: "a", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0, transactional: true },
        { _tag: "Marker", offset: 2, transactionalId: "T", producerId: 0, epoch: 0, control: "commit", timestampMs: 0 }
      ],
      highWatermark: 5,
      lastStableOffset: 5
    })
    expect(step(state, cmd.dump("t", 0, 3)).response).toMatchObject({
      entries: [{ _tag: "Data", offset: 3, value: "b" }, { _tag: "Marker", offset: 4, control: "abort", epoch: 1 }]
    })
    expect(step(state, cmd.dump("t", 1, 0)).response).toEqual({
      _tag: "Dumped",
      topic: "t",
      partition: 1,
      entries: [{ _tag: "Data", offset: 0, producer: "idem", key: "k0", value: "i", timestampMs: 0, producerId: 1, epoch: 0, sequence: 0 }],
      highWatermark: 1,
      lastStableOffset: 1
    })
  })

  it("reports the last stable offset of an open transaction and an empty dump at the high watermark", () => {
    const open = run(s0, [cmd.init("tx"), cmd.begin("tx"), cmd.send("plain", "t", "x", "k3"), cmd.send("tx", "t", "y", "k3"), cmd.dump("t", 0, 2)])
    expect(open.responses[4]).toEqual({ _tag: "Dumped", topic: "t", partition: 0, entries: [], highWatermark: 2, lastStableOffset: 1 })
  })

  it("checks the topic, the partition and the offset, in order", () => {
    expect(step(state, cmd.dump("nope", 9, 9)).response).toEqual({ _tag: "UnknownTopic", topic: "nope" })
    expect(step(state, cmd.dump("t", 2, 9)).response).toEqual({ _tag: "UnknownPartition", topic: "t", partition: 2 })
    expect(step(state, cmd.dump("t", 0, 6)).response).toEqual({ _tag: "OffsetOutOfRange", topic: "t", partition: 0, offset: 6, highWatermark: 5 })
  })
})

describe("ObserverOffsets", () => {
  it("lists committed offsets sorted by topic then partition; offsets of an open or aborted transaction do not count", () => {
    expect(step(state, cmd.offsets("ru")).response).toEqual({ _tag: "OffsetsFetched", group: "ru", offsets: [{ topic: "t", partition: 1, offset: 0 }] })
    expect(step(state, cmd.offsets("rc")).response).toEqual({ _tag: "OffsetsFetched", group: "rc", offsets: [] })
    expect(step(state, cmd.offsets("nope")).response).toEqual({ _tag: "UnknownGroup", group: "nope" })
    const { responses } = run(state, [cmd.txnCommit("tx2"), cmd.offsets("ru")])
    expect(responses[1]).toEqual({
      _tag: "OffsetsFetched",
      group: "ru",
      offsets: [
        { topic: "t", partition: 0, offset: 2 },
        { topic: "t", partition: 1, offset: 0 }
      ]
    })
  })

  it("sorts by topic name, not by configuration order", () => {
    const config = { ...configTransactional, topics: [{ name: "z", partitions: 1 }, ...configTransactional.topics], groups: [{ name: "g", mode: "at-least-once" as const, assignor: "range" as const, topics: ["z", "t"] }] }
    const { responses } = run(init(config), [
      cmd.join("g", "m"),
      cmd.send("plain", "z", "v"),
      cmd.commit("g", "m", [{ topic: "z", partition: 0, offset: 1 }, { topic: "t", partition: 1, offset: 0 }]),
      cmd.offsets("g")
    ])
    expect(responses[3]).toEqual({
      _tag: "OffsetsFetched",
      group: "g",
      offsets: [
        { topic: "t", partition: 1, offset: 0 },
        { topic: "z", partition: 0, offset: 1 }
      ]
    })
  })
})
