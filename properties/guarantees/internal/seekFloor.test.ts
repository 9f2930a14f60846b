import { describe, expect, it } from "vitest"
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
