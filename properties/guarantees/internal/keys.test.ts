import { describe, expect, it } from "vitest"
import { memberKey, partitionKey, recordKey } from "./keys.ts"

describe("map keys", () => {
  it("give one key per partition and per record position, the same text whether kept or made afresh", () => {
    expect(partitionKey("orders", 1)).toBe("orders\u00001")
    expect(recordKey("orders", 1, 7)).toBe("orders\u00001\u00007")
    // Past the bound of kept positions, and for a position that is negative or not a whole number, the key is made afresh, with the same text.
    expect(recordKey("orders", 1, 5_000)).toBe("orders\u00001\u00005000")
    expect(partitionKey("orders", 9_999)).toBe("orders\u00009999")
    expect(recordKey("orders", -1, 0)).toBe("orders\u0000-1\u00000")
    expect(recordKey("orders", 1, 2.5)).toBe("orders\u00001\u00002.5")
    expect(partitionKey("orders", 0.5)).toBe("orders\u00000.5")
    // Asked again, a kept key has the same text.
    expect([partitionKey("orders", 1), recordKey("orders", 1, 7)]).toEqual(["orders\u00001", "orders\u00001\u00007"])
    const keys = new Set<string>()
    for (const topic of ["a", "a1", "b"]) {
      for (let partition = 0; partition < 3; partition++) {
        keys.add(partitionKey(topic, partition))
        for (let offset = 0; offset < 12; offset++) keys.add(recordKey(topic, partition, offset))
      }
    }
    // Every partition and record position of three topics has a key of its own ("a" partition 1 and "a1" partition 0 among them).
    expect(keys.size).toBe(3 * 3 * 13)
    expect(memberKey("billing", "m0")).toBe("billing\u0000m0")
  })
})
