import { describe, expect, it } from "vitest"
import type { StreamLagFacts } from "./streamLagFacts.ts"
import { streamLag, streamMemberName } from "./streamLagScenario.ts"
import { streamLagMeasurements, streamLagSection } from "./streamLagSection.ts"

const runs = streamLagMeasurements()

const runOf = (members: number): StreamLagFacts => {
  const facts = runs.find((run) => run.run.members === members)
  if (facts === undefined) throw new Error(`no run with ${members} members`)
  return facts
}

const sent = streamLag.loadTicks * streamLag.sendsPerTick

describe("the stream lag scenario", () => {
  for (const members of streamLag.memberCounts) {
    it(`with ${members} member(s): the lag grows during the load, peaks at its last tick, then returns to 0`, () => {
      const facts = runOf(members)
      expect(facts.peakLag).toBeGreaterThan(0)
      expect(facts.peakLagTick).toBe(streamLag.loadTicks)
      expect(facts.lagPerTick.slice(0, streamLag.loadTicks).every((lag, i, all) => i === 0 || lag > all[i - 1])).toBe(true)
      expect(facts.lagPerTick.at(-1)).toBe(0)
      expect(facts.lagPerTick.slice(0, -1).every((lag) => lag > 0)).toBe(true)
      expect(facts.catchUpTicks).toBe(facts.ticks - streamLag.loadTicks)
    })

    it(`with ${members} member(s): nothing is lost, nothing processed twice`, () => {
      const facts = runOf(members)
      expect(facts.sent).toBe(sent)
      expect(facts.processed).toBe(sent)
      expect(facts.lost).toBe(0)
      expect(facts.processedTwice).toBe(0)
      expect(facts.processedPerTick.reduce((sum, n) => sum + n, 0)).toBe(sent)
    })
  }

  it("spreads the unkeyed sends round-robin: every partition gets its share", () => {
    const shares = runOf(1).sentPerPartition
    expect(shares.reduce((sum, n) => sum + n, 0)).toBe(sent)
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1)
  })

  it("lowers the peak lag strictly from 1 to 3 members (as many as partitions), and pins the figures", () => {
    const peaks = [1, 2, 3].map((members) => runOf(members).peakLag)
    expect(peaks[1]).toBeLessThan(peaks[0])
    expect(peaks[2]).toBeLessThan(peaks[1])
    expect(peaks).toEqual([30, 20, 10])
    expect([1, 2, 3].map((members) => runOf(members).catchUpTicks)).toEqual([30, 17, 4])
  })

  it("gains nothing from a 4th member: the same lag at every tick as 3, and the 4th owns no partition and polls nothing", () => {
    const three = runOf(3)
    const four = runOf(4)
    expect(four.peakLag).toBe(three.peakLag)
    expect(four.lagPerTick).toEqual(three.lagPerTick)
    expect(four.idleMembers).toEqual([streamMemberName(4)])
    expect(four.assignments.find((entry) => entry.member === streamMemberName(4))).toEqual({ member: streamMemberName(4), partitions: [], polled: 0 })
    expect(three.idleMembers).toEqual([])
  })

  it("gives every member up to the partition count its own partitions", () => {
    for (const members of [1, 2, 3]) {
      const owned = runOf(members).assignments.flatMap((entry) => entry.partitions).sort()
      expect(owned).toEqual([0, 1, 2])
    }
  })
})

describe("the stream lag subsection", () => {
  const text = streamLagSection(runs).join("\n")

  it("has its heading, a row per member count and a line per member count in its chart", () => {
    expect(text).toContain("### The stream: lag, and the partition-count ceiling")
    for (const members of streamLag.memberCounts) expect(text).toMatch(new RegExp(`^\\| ${members} \\| `, "m"))
    expect(text.match(/^ {2}line \[/gm)).toHaveLength(streamLag.memberCounts.length)
    expect(text).toContain("Lines: blue: 1 member, orange: 2 members, green: 3 members, red: 4 members.")
  })

  it("states the measured figures", () => {
    const prose = text.replace(/\s+/g, " ")
    expect(prose).toContain("the peak lags are 30, 20, 10, 10 records")
    expect(prose).toContain("4 members give exactly what 3 give")
    expect(prose).toContain("`db-writer-4` was told it owns no partition")
  })
})
