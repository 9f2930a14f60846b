import { Effect } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { builtinTarget } from "../../impl/index.ts"
import { configRestarts } from "../../spec/internal/brokerTestConfigs.ts"
import { configDefault, validateConfig } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import { historyOf, runChoices } from "../run.ts"
import { quantized } from "../program.ts"
import { decodeContextOf } from "./context.ts"
import { brokerRestart } from "./broker.ts"
import { driverAfter } from "./internal/driverAfter.ts"

const config = configRestarts
const samples = fc.sample(choicesArbitrary(config), { seed: 7, numRuns: 60 })

describe("broker restarts and the clock quantum", () => {
  it("restarts are generated only on configs that ask for them", () => {
    expect(brokerRestart.enabled(decodeContextOf(driverAfter(configDefault, []), configDefault))).toBe(false)
    expect(brokerRestart.enabled(decodeContextOf(driverAfter(config, []), config))).toBe(true)
  })

  it("every clock advance of a run, the drain's included, is a multiple of the quantum, and restarts take clients away", () => {
    let restarts = 0
    let lostReceipts = 0
    for (const choices of samples) {
      simulateChoices(config, choices, ({ command, response }) => {
        if (command._tag === "ClockAdvance") expect(command.ms % 500).toBe(0)
        if (response._tag === "BrokerRestarted") {
          restarts++
          lostReceipts += response.clients.reduce((n, client) => n + client.receipts.length, 0)
        }
      })
    }
    expect(restarts).toBeGreaterThan(20)
    expect(lostReceipts).toBeGreaterThan(5)
  })

  it("quantized rounds clock advances up and leaves the rest alone", () => {
    expect(quantized(config, { _tag: "ClockAdvance", ms: 1 })).toEqual({ _tag: "ClockAdvance", ms: 500 })
    expect(quantized(config, { _tag: "ClockAdvance", ms: 1000 })).toEqual({ _tag: "ClockAdvance", ms: 1000 })
    expect(quantized(config, { _tag: "ClockAdvance", ms: 0 })).toEqual({ _tag: "ClockAdvance", ms: 0 })
    expect(quantized(configDefault, { _tag: "ClockAdvance", ms: 1 })).toEqual({ _tag: "ClockAdvance", ms: 1 })
  })

  it("the built-in broker restarts as the model does, and a restart can witness a redelivery after the visibility timeout", async () => {
    let witnessed = false
    for (const choices of samples.slice(0, 30)) {
      const run = await Effect.runPromise(runChoices(builtinTarget, config, choices))
      expect(run.divergence).toBeUndefined()
      const history = historyOf(run)
      const check = guaranteeCheckById("VisibilityTimeoutRedelivers")
      expect(check.always(history, config)).toBeUndefined()
      const restartedAt = history.findIndex((entry) => entry.response._tag === "BrokerRestarted" && entry.response.clients.some((c) => c.receipts.length > 0))
      if (restartedAt >= 0 && check.sometimes(history, config) && !history.slice(0, restartedAt).some((entry) => entry.response._tag === "QueueCrashed")) witnessed = true
    }
    expect(witnessed).toBe(true)
  })

  it("the config refuses restarts with topics or without queues, and timeouts off the quantum", () => {
    expect(validateConfig(config)).toBeUndefined()
    expect(validateConfig({ ...configDefault, brokerRestarts: true })).toMatch(/brokerRestarts needs a config with queues and no topics/)
    expect(validateConfig({ ...config, clockQuantumMs: 300 })).toBe("queue \"jobs\" has visibilityTimeoutMs 2000, not a multiple of clockQuantumMs 300")
  })
})
