import { describe, it } from "vitest"
import { assertStepIsPure } from "../internal/purity.ts"
import { commandArbRetention, configRetention, membersRetention } from "./internal/testing.ts"

describe("retention keeps step pure", () => {
  it("never changes a given or returned state, and an old state answers the same again", () => {
    assertStepIsPure(configRetention, commandArbRetention, { producers: ["p", "q"], members: membersRetention }, 150)
  })
})
