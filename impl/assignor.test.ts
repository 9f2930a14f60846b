import { describe, expect, it } from "vitest"
import { rangeAssign, roundRobinAssign } from "./assignor.ts"
import { tp } from "./internal/testCommands.ts"

const asObject = (assignment: ReadonlyMap<string, unknown>) => Object.fromEntries(assignment)

describe("rangeAssign", () => {
  it("cuts each topic into contiguous ranges, the first P % M members getting one more", () => {
    const assignment = rangeAssign([{ topic: "orders", partitions: 5 }, { topic: "audit", partitions: 2 }], ["c", "a", "b"])
    expect(asObject(assignment)).toStrictEqual({
      a: [tp("audit", 0), tp("orders", 0), tp("orders", 1)],
      b: [tp("audit", 1), tp("orders", 2), tp("orders", 3)],
      c: [tp("orders", 4)]
    })
  })

  it("leaves members beyond the partition count idle", () => {
    expect(asObject(rangeAssign([{ topic: "t", partitions: 2 }], ["d", "c", "b", "a"]))).toStrictEqual({
      a: [tp("t", 0)],
      b: [tp("t", 1)],
      c: [],
      d: []
    })
  })

  it("sorts member names by plain string order (uppercase before lowercase)", () => {
    expect(asObject(rangeAssign([{ topic: "t", partitions: 2 }], ["a", "B"]))).toStrictEqual({
      B: [tp("t", 0)],
      a: [tp("t", 1)]
    })
  })

  it("assigns nothing without members", () => {
    expect(rangeAssign([{ topic: "t", partitions: 2 }], []).size).toBe(0)
  })
})

describe("roundRobinAssign", () => {
  it("deals all topic-partitions, sorted by topic then partition, to the sorted members in turn", () => {
    const assignment = roundRobinAssign([{ topic: "orders", partitions: 3 }, { topic: "audit", partitions: 2 }], ["x", "a"])
    expect(asObject(assignment)).toStrictEqual({
      a: [tp("audit", 0), tp("orders", 0), tp("orders", 2)],
      x: [tp("audit", 1), tp("orders", 1)]
    })
  })

  it("leaves members beyond the partition count idle", () => {
    expect(asObject(roundRobinAssign([{ topic: "t", partitions: 3 }], ["m4", "m2", "m1", "m3"]))).toStrictEqual({
      m1: [tp("t", 0)],
      m2: [tp("t", 1)],
      m3: [tp("t", 2)],
      m4: []
    })
  })
})
