import { describe, expect, it } from "vitest"
import { formatAllHeld } from "./allHeld.ts"

describe("formatAllHeld", () => {
  it("speaks of one guarantee in the singular", () => {
    expect(formatAllHeld(1, [])).toBe("the 1 applicable guarantee held and was witnessed")
    expect(formatAllHeld(1, ["StaleCommitsAreFenced"])).toBe(
      "the 1 applicable guarantee held; StaleCommitsAreFenced was not witnessed, which the config accepts (witnessesOptional)"
    )
    expect(formatAllHeld(2, ["AssignmentIsExclusive"])).toBe(
      "all 2 applicable guarantees held; 1 was witnessed, and AssignmentIsExclusive was not, which the config accepts (witnessesOptional)"
    )
  })

  it("keeps the plural wording for many", () => {
    expect(formatAllHeld(9, [])).toBe("all 9 applicable guarantees held and were witnessed")
    expect(formatAllHeld(6, ["A", "B"])).toBe(
      "all 6 applicable guarantees held; 4 were witnessed, and A, B were not, which the config accepts (witnessesOptional)"
    )
  })
})
