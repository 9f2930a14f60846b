import { describe, expect, it } from "vitest"
import { catalogue, configDefault as catalogueConfig } from "../../spec/index.ts"
import { guaranteeCheckById, guaranteeChecks } from "./index.ts"

describe("guaranteeChecks", () => {
  it("has one checker per catalogue entry, in catalogue order", () => {
    expect(guaranteeChecks.map((check) => check.id)).toEqual(catalogue.map((guarantee) => guarantee.id))
  })

  it("finds each checker by its id", () => {
    for (const guarantee of catalogue) expect(guaranteeCheckById(guarantee.id).id).toBe(guarantee.id)
  })

  it("finds nothing to report, and no witness, in an empty history", () => {
    for (const check of guaranteeChecks) {
      expect(check.always([], catalogueConfig)).toBeUndefined()
      expect(check.sometimes([], catalogueConfig)).toBe(false)
    }
  })
})
