import { describe, expect, it } from "vitest"
import { retryStormFactsOf } from "./retryStormFacts.ts"
import { playRetryStorm, retryStorm } from "./retryStormScenario.ts"
import { retryStormSection } from "./retryStormSection.ts"

const facts = retryStormFactsOf(playRetryStorm())
const [billing, storm] = facts.groups

describe("the retry storm scenario, played on the model", () => {
  it("pins what the breaker saves: 3 downstream calls during the outage against 58, 0.15 per record the outage hit against 2.9", () => {
    expect([billing.group, storm.group]).toEqual(["billing", "storm"])
    expect([billing.callsDuringOutage, storm.callsDuringOutage]).toEqual([3, 58])
    expect([billing.sentDuringOutage, storm.sentDuringOutage]).toEqual([20, 20])
    expect([billing.callsPerOutageRecord, storm.callsPerOutageRecord]).toEqual([0.15, 2.9])
    expect([billing.breakerOpenings, storm.breakerOpenings]).toEqual([2, 0])
    expect(billing.heldBack).toBe(19)
    expect(storm.heldBack).toBe(0)
  })

  it("pins the storm's calls per tick: one a tick before the outage, growing as retries pile up during it, and the backlog after it", () => {
    const outage = storm.callsPerTick.slice(retryStorm.downTick - 1, retryStorm.upTick - 1)
    expect(storm.callsPerTick.slice(0, retryStorm.downTick - 1)).toEqual([1, 1, 1, 1, 1])
    expect(Math.max(...outage)).toBe(4)
    expect(outage[0]).toBe(1)
    // Behind the breaker: the two failures that opened it, then one failed probe after the cool-down.
    expect(billing.callsPerTick.slice(retryStorm.downTick - 1, retryStorm.upTick - 1).filter((n) => n > 0)).toEqual([1, 1, 1])
  })

  it("pins the dead-letter graveyard and the redrive: 6 dead letters without the breaker, none with it, every order processed in the end", () => {
    expect([billing.deadLettered, storm.deadLettered]).toEqual([0, 6])
    expect(storm.deadLetterDepthMax).toBe(6)
    expect(storm.oldestDeadLetterAgeMs).toBe(5000)
    expect(storm.redriven).toBe(6)
    expect([billing.processed, storm.processed]).toEqual([30, 30])
    expect([billing.sent, storm.sent]).toEqual([30, 30])
    // The redrive appends to the source topic: the other group reading it gets those orders again.
    expect([billing.processedTwice, storm.processedTwice]).toEqual([6, 0])
    expect(facts.ticks).toBe(33)
  })

  it("writes the section: quote, table, findings with the measured numbers, and the chart", () => {
    const text = retryStormSection(facts).join(" ")
    expect(text).toContain("## Retry storms and the circuit breaker")
    expect(text).toContain("| `billing` |")
    expect(text).toContain("| `storm` |")
    expect(text).toContain("called the dead downstream 58 times, 2.9 calls per record the outage hit")
    expect(text).toContain("called it 3 times (19.33 times fewer), 0.15 per record")
    expect(text).toContain("`billing` processed 6 orders a second time")
    expect(text).toContain("xychart-beta")
    expect(text).not.toContain("NaN")
  })
})
