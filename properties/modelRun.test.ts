import { Effect } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { choicesArbitrary } from "./choice.ts"
import { modelTarget } from "./modelTarget.ts"
import { runChoicesOnModel } from "./modelRun.ts"
import { runChoices } from "./run.ts"

describe("runChoicesOnModel", () => {
  it("gives the run the lockstep runner gives against the model target", async () => {
    const samples = fc.sample(choicesArbitrary(configDefault, 40), { seed: 7, numRuns: 40 })
    for (const choices of samples) {
      // The runner's real-time figures (answer times, time-outs) have no model-only counterpart.
      const { answerMsSlowest: _slowest, timedOut: _timedOut, ...lockstep } = await Effect.runPromise(runChoices(modelTarget, configDefault, choices))
      expect(runChoicesOnModel(configDefault, choices)).toEqual(lockstep)
      const drained = await Effect.runPromise(runChoices(modelTarget, configDefault, choices, { drainGroups: ["billing"] }))
      expect(runChoicesOnModel(configDefault, choices, ["billing"]).commands).toEqual(drained.commands)
    }
  })
})
