import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Config } from "../spec/config.ts"
import { choosePartition, murmur2, partitionForKey, roundRobinEmpty, utf8Bytes } from "./partitioner.ts"
import { init, recordsOf, roundRobinOf, run, step } from "./index.ts"

describe("murmur2", () => {
  it("matches Kafka's UtilsTest.testMurmur2 vectors", () => {
    expect(murmur2(utf8Bytes("21"))).toBe(-973932308)
    expect(murmur2(utf8Bytes("foobar"))).toBe(-790332482)
    expect(murmur2(utf8Bytes("a-little-bit-long-string"))).toBe(-985981536)
    expect(murmur2(utf8Bytes("a-little-bit-longer-string"))).toBe(-1486304829)
    expect(murmur2(utf8Bytes("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"))).toBe(-58897971)
    expect(murmur2([97, 98, 99])).toBe(479470107)
  })

  it("matches librdkafka's vectors and the empty input (every tail length)", () => {
    expect(murmur2([])).toBe(275646681)
    expect(murmur2(utf8Bytes("kafka"))).toBe(-798503068)
    expect(murmur2(utf8Bytes("giberish123456789"))).toBe(-1890243828)
    expect(murmur2(utf8Bytes("1234"))).toBe(-1614185708)
    expect(murmur2(utf8Bytes("234"))).toBe(-406844982)
    expect(murmur2(utf8Bytes("34"))).toBe(-2026295078)
  })
})

describe("utf8Bytes", () => {
  it("encodes like Node's Buffer, lone surrogates as U+FFFD", () => {
    for (const text of ["", "abc", "é", "€", "\u{1F600}", "a\uD800b", "\uDC00", "x\uD83D"]) {
      expect(Array.from(utf8Bytes(text))).toEqual(Array.from(Buffer.from(text, "utf8")))
    }
  })
})

describe("partitionForKey", () => {
  it("is (murmur2(utf8(key)) & 0x7fffffff) % partitions", () => {
    expect(partitionForKey("foobar", 50)).toBe(16)
    expect(partitionForKey("599999", 12)).toBe(3)
    expect(partitionForKey("1039-36302-36840-2-9f138052", 12)).toBe(4)
    expect(partitionForKey("233-75504-36900-2-609151bd", 12)).toBe(10)
  })

  it("takes the same partition on its ASCII fast path as through the UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary-ascii" }), fc.string({ unit: "binary" })), fc.integer({ min: 1, max: 64 }), (key, partitions) => {
        expect(partitionForKey(key, partitions)).toBe((murmur2(utf8Bytes(key)) & 0x7fffffff) % partitions)
      }),
      { numRuns: 500 }
    )
  })

  it("pins the keys a generated run uses", () => {
    expect(["k0", "k1", "k2", "k3"].map((k) => partitionForKey(k, 3))).toEqual([2, 2, 0, 1])
    expect(["k0", "k1", "k2", "k3"].map((k) => partitionForKey(k, 2))).toEqual([1, 1, 1, 0])
    expect(partitionForKey("", 3)).toBe(0)
    expect(partitionForKey("é", 12)).toBe(3)
  })
})

describe("choosePartition", () => {
  it("leaves the counters alone for a keyed record", () => {
    const choice = choosePartition(roundRobinEmpty, "p", "k0", 3)
    expect(choice).toEqual({ partition: 2, counters: [] })
  })

  it("deals unkeyed records round-robin per producer", () => {
    let counters = roundRobinEmpty
    const partitions: Array<string> = []
    for (const producer of ["a", "a", "b", "a", "b", "a"]) {
      const choice = choosePartition(counters, producer, undefined, 3)
      counters = choice.counters
      partitions.push(`${producer}${choice.partition}`)
    }
    expect(partitions).toEqual(["a0", "a1", "b0", "a2", "b1", "a0"])
    expect(counters).toEqual([{ producer: "a", next: 4 }, { producer: "b", next: 2 }])
  })
})

const config: Config = {
  topics: [
    { name: "orders", partitions: 3 },
    { name: "payments", partitions: 2 }
  ],
  groups: [],
  sessionTimeoutMs: 1000,
  bounds: { producersMax: 2, membersPerGroupMax: 2, keysMax: 4, recordsPerPollMax: 3, clockAdvanceMsMax: 10, commandsMax: 10 }
}

describe("ProducerSend", () => {
  it("puts keyed sends on the murmur2 partition and unkeyed ones round-robin per producer and topic", () => {
    const { state, responses } = run(init(config), [
      { _tag: "ProducerSend", producer: "p", topic: "orders", key: "k2", value: "a" },
      { _tag: "ProducerSend", producer: "p", topic: "orders", value: "b" },
      { _tag: "ProducerSend", producer: "p", topic: "orders", value: "c" },
      { _tag: "ProducerSend", producer: "q", topic: "orders", value: "d" },
      { _tag: "ProducerSend", producer: "p", topic: "payments", value: "e" },
      { _tag: "ProducerSend", producer: "p", topic: "orders", key: "k2", value: "f" },
      { _tag: "ProducerSend", producer: "p", topic: "orders", value: "g" },
      { _tag: "ProducerSend", producer: "p", topic: "orders", value: "h" },
      { _tag: "ProducerSend", producer: "p", topic: "payments", key: "k3", value: "i" }
    ])
    expect(responses).toEqual([
      { _tag: "Sent", topic: "orders", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 1 },
      { _tag: "Sent", topic: "orders", partition: 1, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 2 },
      { _tag: "Sent", topic: "payments", partition: 0, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 3 },
      { _tag: "Sent", topic: "orders", partition: 2, offset: 0 },
      { _tag: "Sent", topic: "orders", partition: 0, offset: 4 },
      { _tag: "Sent", topic: "payments", partition: 0, offset: 1 }
    ])
    expect(roundRobinOf(state, "p", "orders")).toBe(4)
    expect(roundRobinOf(state, "q", "orders")).toBe(1)
    expect(roundRobinOf(state, "p", "payments")).toBe(1)
  })

  it("stores the record at the high watermark with the clock's time, with a key only when it has one", () => {
    const s1 = step(init(config), { _tag: "ClockAdvance", ms: 7 }).state
    const s2 = step(s1, { _tag: "ProducerSend", producer: "p", topic: "payments", value: "v" }).state
    const s3 = step(s2, { _tag: "ProducerSend", producer: "p", topic: "payments", key: "k3", value: "w" }).state
    const stored = recordsOf(s3, "payments", 0)
    expect(stored).toEqual([
      { topic: "payments", partition: 0, offset: 0, producer: "p", value: "v", timestampMs: 7 },
      { topic: "payments", partition: 0, offset: 1, producer: "p", key: "k3", value: "w", timestampMs: 7 }
    ])
    expect("key" in stored[0]).toBe(false)
  })

  it("answers UnknownTopic and changes nothing", () => {
    const s0 = init(config)
    const { state, response } = step(s0, { _tag: "ProducerSend", producer: "p", topic: "nope", value: "v" })
    expect(response).toEqual({ _tag: "UnknownTopic", topic: "nope" })
    expect(state).toBe(s0)
  })
})
