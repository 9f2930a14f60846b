import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { CommandOf } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { choicesArbitrary } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { driverInit } from "../driver/driver.ts"
import { simulateChoices } from "../driver/internal/simulate.ts"
import { firstProcessableOf } from "../driver/protocol.ts"
import { configPerUserOrdering } from "../suite/mutantSeeds.ts"

/**
 * Of the generated `ConsumerProcess` commands answered `Processed` (the drain
 * and the invalid commands, answered with errors, left out), how many
 * processed the member's first processable record, and how many another one.
 */
const processedPositions = (config: Config) => {
  let first = 0
  let other = 0
  for (const choices of fc.sample(choicesArbitrary(config), { seed: 7, numRuns: 60 })) {
    let before: Driver = driverInit(config)
    simulateChoices(config, choices, ({ command, driver, inDrain, response }) => {
      if (command._tag === "ConsumerProcess" && response._tag === "Processed" && !inDrain) {
        const process = command as CommandOf<"ConsumerProcess">
        const group = before.groups.find((g) => g.name === process.group)!
        const member = group.members.find((m) => m.name === process.member)!
        const expected = firstProcessableOf(group, member)
        if (expected?.topic === process.topic && expected.partition === process.partition && expected.offset === process.offset) first++
        else other++
      }
      before = driver
    })
  }
  return { first, other }
}

describe("the generator follows each group's processing order", () => {
  it("delivery: every generated process takes the member's first processable record, in buffer order", () => {
    const { first, other } = processedPositions(configPerUserOrdering)
    expect(first).toBeGreaterThan(50)
    expect(other).toBe(0)
  })

  it("any: the same config with the order left out also processes records that are not the first", () => {
    const anyOrder: Config = { ...configPerUserOrdering, groups: configPerUserOrdering.groups.map(({ processingOrder: _, ...group }) => group) }
    const { first, other } = processedPositions(anyOrder)
    expect(first).toBeGreaterThan(0)
    expect(other).toBeGreaterThan(0)
  })
})
