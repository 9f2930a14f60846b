import { describe, expect, it } from "vitest"
import { OffsetCover } from "./offsetCover.ts"
import { SeekFloor } from "./seekFloor.ts"

describe("SeekFloor", () => {
  it("answers the lowest offset sought after a step", () => {
    const floor = new SeekFloor()
    expect(floor.lowestAfter(0)).toBeUndefined()
    floor.add(2, 5)
    floor.add(4, 1)
    floor.add(6, 3)
    floor.add(8, 7)
    expect(floor.lowestAfter(0)).toBe(1)
    expect(floor.lowestAfter(4)).toBe(3)
    expect(floor.lowestAfter(5)).toBe(3)
    expect(floor.lowestAfter(6)).toBe(7)
    expect(floor.lowestAfter(8)).toBeUndefined()
  })
})

describe("OffsetCover", () => {
  it("covers the union of half-open ranges, up to the bound", () => {
    const cover = new OffsetCover()
    cover.add(1, 3)
    cover.add(2, 5)
    cover.add(7, 7)
    cover.add(8, 20)
    const covered = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((offset) => cover.has(offset, 9))
    expect(covered).toEqual([1, 2, 3, 4, 8, 9])
  })
})
