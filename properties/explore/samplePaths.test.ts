import { describe, expect, it } from "vitest"
import { sampledIndexes } from "./samplePaths.ts"

describe("sampledIndexes", () => {
  it("takes every index when the sample is at least as large", () => {
    expect(sampledIndexes(3, 5)).toEqual([0, 1, 2])
    expect(sampledIndexes(4, 4)).toEqual([0, 1, 2, 3])
    expect(sampledIndexes(0, 4)).toEqual([])
  })

  it("spreads a smaller sample evenly, from the initial state, strictly increasing and within range", () => {
    expect(sampledIndexes(10, 4)).toEqual([0, 2, 5, 7])
    for (const [total, size] of [[798, 100], [7181, 997], [1_000_000, 20_000], [5, 1]]) {
      const indexes = sampledIndexes(total, size)
      expect(indexes).toHaveLength(size)
      expect(indexes[0]).toBe(0)
      for (let i = 1; i < indexes.length; i++) expect(indexes[i]).toBeGreaterThan(indexes[i - 1])
      expect(indexes[indexes.length - 1]).toBeLessThan(total)
      // Each tenth of the range gets about a tenth of the sample.
      const tenth = indexes.filter((index) => index < total / 10).length
      expect(Math.abs(tenth - size / 10)).toBeLessThanOrEqual(1)
    }
  })
})
