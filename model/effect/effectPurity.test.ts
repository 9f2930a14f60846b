import { describe, it } from "vitest"
import { assertStepIsPure } from "../internal/purity.ts"
import { commandArbEffects, configEffects, membersEffects, startEffects } from "../internal/testing.ts"

describe("step on a config with effects and services", () => {
  it("is pure: old states never change, and stepping one again answers the same (effect stores, version index and service tables included)", () => {
    const producers = ["p", "eos/a", "eos/b", "service:ob", "service:cts", "service:stc"]
    assertStepIsPure(configEffects, commandArbEffects, { producers, members: membersEffects }, 150, startEffects)
  })
})
