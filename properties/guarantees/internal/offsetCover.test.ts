import { describe, expect, it } from "vitest"
import { OffsetCover } from "./offsetCover.ts"

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
