import { describe, expect, it } from "vitest"
import type { QueueOverflow } from "../../spec/config.ts"
import type { BottleneckFacts } from "./bottleneckFacts.ts"
import { bottleneck, playBottleneck } from "./bottleneckScenario.ts"
import { backpressureSection, bottleneckMeasurements } from "./backpressureSection.ts"

const measurements = bottleneckMeasurements()

const runOf = (consumers: number, overflow: QueueOverflow | undefined): BottleneckFacts => {
  const runs = measurements.byConsumers.find((entry) => entry.consumers === consumers)?.runs ?? []
  const facts = runs.find((run) => run.run.queue.overflow === overflow)
  if (facts === undefined) throw new Error(`no run of ${overflow ?? "the absorbing queue"} with ${consumers} consumers`)
  return facts
}

const produced = bottleneck.loadTicks * bottleneck.sendsPerTick
const verdictOf = (facts: BottleneckFacts, guarantee: string) => facts.verdicts.find((verdict) => verdict.guarantee === guarantee)

describe("the bottleneck, one consumer", () => {
  it("absorbs the backlog: nothing lost, the depth peaks at the load's end and returns to 0", () => {
    const facts = runOf(1, undefined)
    expect(facts.produced).toBe(produced)
    expect(facts.lost).toBe(0)
    expect(facts.processed).toBe(produced)
    expect(facts.peakDepthTick).toBe(bottleneck.loadTicks)
    expect(facts.peakDepth).toBe(bottleneck.loadTicks * (bottleneck.sendsPerTick - bottleneck.writesPerConsumerPerTick) + bottleneck.writesPerConsumerPerTick)
    expect(facts.depthPerTick.at(-1)).toBeLessThanOrEqual(bottleneck.writesPerConsumerPerTick)
    expect(facts.drainTicks).toBeGreaterThan(0)
    expect(facts.run.responses.at(-1)).toMatchObject({ _tag: "QueueListed", messages: [] })
  })

  it("blocks: nothing lost, the visible depth never above the bound, the backlog at the API instead", () => {
    const facts = runOf(1, "block")
    const absorbing = runOf(1, undefined)
    expect(facts.lost).toBe(0)
    expect(facts.processed).toBe(produced)
    expect(Math.max(...facts.depthPerTick)).toBeLessThanOrEqual(facts.run.queue.messagesMax ?? 0)
    expect(facts.blocked).toBeGreaterThan(0)
    expect(facts.peakBacklog).toBeGreaterThan(0)
    expect(facts.peakBacklogTick).toBe(bottleneck.loadTicks)
    expect(facts.depthPerTick.map((depth, i) => depth + facts.backlogPerTick[i])).toEqual(absorbing.depthPerTick)
    expect(verdictOf(facts, "OverflowIsKnownToTheProducer")).toEqual({ guarantee: "OverflowIsKnownToTheProducer", held: true, witnessed: true })
  })

  it("rejects: loses exactly the rejected sends, each told to the producer", () => {
    const facts = runOf(1, "reject")
    expect(facts.rejected).toBeGreaterThan(0)
    expect(facts.lost).toBe(facts.rejected)
    expect(facts.lostTold).toBe(facts.lost)
    expect(facts.lostSilently).toBe(0)
    expect(facts.dropped).toBe(0)
    expect(facts.processed + facts.lost).toBe(produced)
  })

  for (const overflow of ["drop-oldest", "drop-newest"] as const) {
    it(`${overflow}: loses exactly the dropped messages, every one answered Enqueued`, () => {
      const facts = runOf(1, overflow)
      expect(facts.dropped).toBeGreaterThan(0)
      expect(facts.lost).toBe(facts.dropped)
      expect(facts.lostAreTheDropped).toBe(true)
      expect(facts.lostSilently).toBe(facts.lost)
      expect(facts.lostTold).toBe(0)
      expect(facts.processed + facts.lost).toBe(produced)
      expect(verdictOf(facts, "DropOverflowLosesSilently")).toEqual({ guarantee: "DropOverflowLosesSilently", held: true, witnessed: true })
    })
  }

  it("drops the oldest waiting order under drop-oldest and the newest under drop-newest", () => {
    expect(runOf(1, "drop-oldest").lostInOrder[0]).toBe("order-2")
    expect(runOf(1, "drop-newest").lostInOrder[0]).toBe("order-5")
  })

  it("processes no faster than the consumer in any regime", () => {
    for (const facts of measurements.byConsumers[0].runs) {
      expect(Math.max(...facts.processedPerTick)).toBe(bottleneck.writesPerConsumerPerTick)
    }
  })
})

describe("the bottleneck, more consumers", () => {
  it("lowers the peak depth, the drain and the losses with each consumer added", () => {
    const [one, two, three] = bottleneck.consumerCounts.map((consumers) => runOf(consumers, undefined))
    expect(two.peakDepth).toBeLessThan(one.peakDepth)
    expect(three.peakDepth).toBeLessThan(two.peakDepth)
    expect(two.drainTicks).toBeLessThan(one.drainTicks)
    expect(runOf(2, "block").peakBacklog).toBeLessThan(runOf(1, "block").peakBacklog)
    expect(runOf(2, "reject").lost).toBeLessThan(runOf(1, "reject").lost)
    expect(runOf(2, "drop-oldest").lost).toBeLessThan(runOf(1, "drop-oldest").lost)
  })

  it("keeps up once the consumers write as fast as the API produces: nothing blocked, lost or left", () => {
    for (const facts of measurements.byConsumers.find((entry) => entry.consumers === 3)?.runs ?? []) {
      expect(facts.blocked + facts.lost + facts.drainTicks, facts.run.queue.name).toBe(0)
    }
  })
})

describe("the overflow checkers on the bottleneck histories", () => {
  it("hold on every history", () => {
    for (const { runs } of measurements.byConsumers) {
      for (const facts of runs) for (const verdict of facts.verdicts) expect(verdict.held, `${verdict.guarantee} on ${facts.run.queue.name}`).toBe(true)
    }
  })
})

describe("playBottleneck", () => {
  it("is deterministic: the same commands and answers every time", () => {
    const again = playBottleneck("blocking", 2)
    expect(again.commands).toEqual(runOf(2, "block").run.commands)
    expect(again.responses).toEqual(runOf(2, "block").run.responses)
  })

  it("refuses a queue the config does not have", () => {
    expect(() => playBottleneck("nope", 1)).toThrow("has no queue nope")
  })
})

describe("backpressureSection", () => {
  const text = backpressureSection(measurements).join("\n")

  it("has the heading, both tables and three xychart-beta charts", () => {
    expect(text.split("\n")[0]).toBe("## Backpressure, measured")
    expect(text).toMatch(/^\| `absorbing` \| none \| 30 \| 21 \(tick 10\) \| 0 \| 0 \| 0 \| 0 \| 30 \| 0 \| none \| \d+ \| \d+ \|$/m)
    expect(text).toMatch(/^\| `blocking` \| `block` at 3 \| 30 \| 3 \(tick 1\) \| 18 \(tick 10\) \| \d+ \|/m)
    expect(text).toMatch(/^\| 3 \| 3 \| 3 \| 0 \| 0 \| 0 \| 0 \| `rejecting` 0, `dropping-oldest` 0, `dropping-newest.fifo` 0 \|$/m)
    expect(text.match(/```mermaid\n---\n[^`]*\nxychart-beta\n/g)).toHaveLength(3)
  })

  it("states the measured facts in its sentences", () => {
    const prose = text.replace(/\s+/g, " ")
    expect(prose).toContain("The absorbing queue loses nothing")
    expect(prose).toContain("At every tick the blocking queue's depth plus the API's backlog equals the absorbing queue's depth")
    expect(prose).toContain("its API was told of every one")
    expect(prose).toContain("every one answered `Enqueued`: the producer was told nothing")
    expect(prose).toContain("Each consumer added lowers the absorbing queue's peak depth (21, 12, 3)")
    expect(prose).toContain("(#hot-keys-and-the-partition-count-ceiling)")
  })
})
