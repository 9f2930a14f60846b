import { describe, expect, it } from "vitest"
import { ddmin } from "./ddmin.ts"

describe("ddmin", () => {
  it("finds the smallest sublist that still holds, and says it is 1-minimal", async () => {
    const tried: Array<ReadonlyArray<number>> = []
    const result = await ddmin([1, 2, 3, 4, 5, 6, 7, 8], async (xs) => {
      tried.push(xs)
      return xs.includes(3) && xs.includes(7)
    })
    expect(result).toEqual({ items: [3, 7], oneMinimal: true })
    // Chunks first: the first attempt drops a half.
    expect(tried[0]).toEqual([5, 6, 7, 8])
  })

  it("sweeps on from where it dropped a chunk rather than from the start", async () => {
    const tried: Array<ReadonlyArray<number>> = []
    const items = Array.from({ length: 16 }, (_, i) => i)
    await ddmin(items, async (xs) => {
      tried.push(xs)
      return xs.includes(0) && xs.includes(15)
    })
    // Halves both stay; then quarters: [0..3] must stay, [4..7] goes, and [8..11] is tried next (not [0..3] again).
    expect(tried.slice(0, 5).map((xs) => xs.length)).toEqual([8, 8, 12, 12, 8])
    expect(tried[4]).toEqual([0, 1, 2, 3, 12, 13, 14, 15])
  })

  it("keeps the order of what is left and drops everything when nothing is needed", async () => {
    expect(await ddmin(["a", "b", "c"], async () => true)).toEqual({ items: [], oneMinimal: true })
    expect(await ddmin(["a", "b", "c", "d"], async (xs) => xs.indexOf("d") > xs.indexOf("b") && xs.includes("b"))).toEqual({ items: ["b", "d"], oneMinimal: true })
  })

  it("stops when the budget runs out and says the result may not be 1-minimal", async () => {
    let budget = 2
    const result = await ddmin([1, 2, 3, 4, 5, 6, 7, 8], async (xs) => (budget-- > 0 ? xs.includes(8) : undefined))
    expect(result.oneMinimal).toBe(false)
    expect(result.items).toContain(8)
    expect(result.items.length).toBeLessThan(8)
  })

  it("is deterministic: the same answers give the same attempts", async () => {
    const attempts = async () => {
      const tried: Array<string> = []
      await ddmin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], async (xs) => {
        tried.push(xs.join(","))
        return xs.filter((x) => x % 3 === 0).length >= 3
      })
      return tried
    }
    expect(await attempts()).toEqual(await attempts())
  })
})
