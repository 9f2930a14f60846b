import { describe, expect, it } from "vitest"
import { at, begin, commit, dump, init, join, offsetsOf, send } from "../internal/testCommands.ts"
import { last, run, transactional } from "../internal/testRun.ts"

describe("ObserverDump and ObserverOffsets", () => {
  it("ObserverDump 1-3: UnknownTopic, UnknownPartition, OffsetOutOfRange above the high watermark", async () => {
    expect(await run([dump("zz", 0), dump("t", 1), dump("t", 0, 1), dump("t", 0, 0)], transactional)).toStrictEqual([
      { _tag: "UnknownTopic", topic: "zz" },
      { _tag: "UnknownPartition", topic: "t", partition: 1 },
      { _tag: "OffsetOutOfRange", topic: "t", partition: 0, offset: 1, highWatermark: 0 },
      { _tag: "Dumped", topic: "t", partition: 0, entries: [], highWatermark: 0, lastStableOffset: 0 }
    ])
  })

  it("ObserverDump 4: up to entriesMax entries from offset, with the last stable offset of an open transaction", async () => {
    expect(await last([
      send("t", "a", undefined, "plain"),
      init("tx"),
      begin("tx"),
      send("t", "b", undefined, "tx"),
      send("t", "c", undefined, "plain"),
      dump("t", 0, 1, 1)
    ], transactional)).toStrictEqual({
      _tag: "Dumped",
      topic: "t",
      partition: 0,
      entries: [{ _tag: "Data", offset: 1, producer: "tx", value: "b", timestampMs: 0, producerId: 0, epoch: 0, sequence: 0, transactional: true }],
      highWatermark: 3,
      lastStableOffset: 1
    })
  })

  it("ObserverOffsets: UnknownGroup, then the committed offsets sorted by topic, then partition", async () => {
    expect(await run([
      offsetsOf("zz"),
      join("ru", "m"),
      send("u", "a", undefined, "plain"),
      send("u", "b", undefined, "plain"),
      send("t", "c", undefined, "plain"),
      commit("ru", "m", [["u", 1, 1], ["t", 0, 1], ["u", 0, 1]]),
      offsetsOf("ru"),
      offsetsOf("rc")
    ], transactional).then((responses) => [responses[0], ...responses.slice(6)])).toStrictEqual([
      { _tag: "UnknownGroup", group: "zz" },
      { _tag: "OffsetsFetched", group: "ru", offsets: [at("t", 0, 1), at("u", 0, 1), at("u", 1, 1)] },
      { _tag: "OffsetsFetched", group: "rc", offsets: [] }
    ])
  })
})
