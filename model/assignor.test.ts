import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { SubscribedTopic } from "./assignor.ts"
import { assign, subscribedTopic } from "./assignor.ts"

const orders: SubscribedTopic = subscribedTopic("orders", 3, 0)
const payments: SubscribedTopic = subscribedTopic("payments", 2, 1)

/** Each member's assignment as "topic-partition" strings, by member name. */
const table = (assignor: "range" | "round-robin", members: Array<string>, topics: Array<SubscribedTopic>) => {
  const assignments = assign(assignor, members, topics)
  return Object.fromEntries(
    members.map((member, i) => [member, assignments[i].partitions.map((tp) => `${tp.topic}-${tp.partition}`)])
  )
}

describe("range", () => {
  it("gives a lone member everything, sorted by topic then partition", () => {
    expect(table("range", ["m"], [orders, payments])).toEqual({
      m: ["orders-0", "orders-1", "orders-2", "payments-0", "payments-1"]
    })
  })

  it("cuts each topic into contiguous ranges, the first P % M sorted members getting one more", () => {
    expect(table("range", ["m1", "m0"], [orders, payments])).toEqual({
      m0: ["orders-0", "orders-1", "payments-0"],
      m1: ["orders-2", "payments-1"]
    })
    expect(table("range", ["c", "a", "b"], [orders, payments])).toEqual({
      a: ["orders-0", "payments-0"],
      b: ["orders-1", "payments-1"],
      c: ["orders-2"]
    })
  })

  it("leaves members beyond the partition count idle", () => {
    expect(table("range", ["m3", "m2", "m1", "m0"], [orders, payments])).toEqual({
      m0: ["orders-0", "payments-0"],
      m1: ["orders-1", "payments-1"],
      m2: ["orders-2"],
      m3: []
    })
  })

  it("sorts names by plain string order (code units), not numerically or by locale", () => {
    expect(table("range", ["m2", "m10", "a", "B"], [orders])).toEqual({
      B: ["orders-0"],
      a: ["orders-1"],
      m10: ["orders-2"],
      m2: []
    })
  })
})

describe("round-robin", () => {
  it("deals all topic-partitions, sorted, to the sorted members in turn", () => {
    expect(table("round-robin", ["m1", "m0"], [orders, payments])).toEqual({
      m0: ["orders-0", "orders-2", "payments-1"],
      m1: ["orders-1", "payments-0"]
    })
    expect(table("round-robin", ["b", "c", "a"], [orders, payments])).toEqual({
      a: ["orders-0", "payments-0"],
      b: ["orders-1", "payments-1"],
      c: ["orders-2"]
    })
  })

  it("leaves members beyond the partition count idle", () => {
    expect(table("round-robin", ["e", "d", "c", "b", "a"], [orders])).toEqual({
      a: ["orders-0"],
      b: ["orders-1"],
      c: ["orders-2"],
      d: [],
      e: []
    })
  })

  it("assigns nothing without members or without topics", () => {
    expect(assign("round-robin", [], [orders])).toEqual([])
    expect(table("range", ["a", "b"], [])).toEqual({ a: [], b: [] })
  })
})

describe("both assignors", () => {
  it("give every partition exactly one owner", () => {
    for (const assignor of ["range", "round-robin"] as const) {
      for (let count = 1; count <= 7; count++) {
        const members = Array.from({ length: count }, (_, i) => `m${i}`)
        const owned = assign(assignor, members, [orders, payments]).flatMap((a) =>
          a.partitions.map((tp) => `${tp.topic}-${tp.partition}`)
        )
        expect(owned.slice().sort()).toEqual(["orders-0", "orders-1", "orders-2", "payments-0", "payments-1"])
      }
    }
  })
})

/** The assignors as spec/config.ts words them, written naively: the reference. */
const reference = (assignor: "range" | "round-robin", members: Array<string>, topics: Array<SubscribedTopic>) => {
  const sorted = members.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const owned = new Map<string, Array<string>>(members.map((m) => [m, []]))
  if (assignor === "range") {
    for (const topic of topics) {
      const quota = Math.floor(topic.partitions / sorted.length)
      let next = 0
      sorted.forEach((member, i) => {
        const take = quota + (i < topic.partitions % sorted.length ? 1 : 0)
        for (let k = 0; k < take; k++) owned.get(member)!.push(`${topic.name}-${next++}`)
      })
    }
  } else {
    const all = topics.flatMap((topic) => Array.from({ length: topic.partitions }, (_, p) => `${topic.name}-${p}`))
    all.forEach((tp, k) => owned.get(sorted[k % sorted.length])!.push(tp))
  }
  return Object.fromEntries(members.map((m) => [m, owned.get(m)!]))
}

describe("assign", () => {
  it("agrees with the reference wording for any members and topics", () => {
    const topicsArb = fc
      .uniqueArray(fc.constantFrom("a", "b", "c", "d"), { minLength: 0, maxLength: 4 })
      .chain((names) =>
        fc.tuple(...names.sort().map((name, index) => fc.integer({ min: 1, max: 7 }).map((count) => subscribedTopic(name, count, index))))
      )
    fc.assert(
      fc.property(
        fc.constantFrom("range" as const, "round-robin" as const),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        topicsArb,
        (assignor, members, topics) => {
          expect(table(assignor, members, topics)).toEqual(reference(assignor, members, topics))
        }
      ),
      { numRuns: 300 }
    )
  })
})
