import { describe, expect, it } from "vitest"
import { busiestKeyOf, ceilingFactsOf, hotKeyFactsOf, hotKeysRuns, hotKeysSection, keyText } from "./hotKeysSection.ts"
import { docsSeed } from "./semantics.ts"

const sum = (counts: ReadonlyArray<number>): number => counts.reduce((total, n) => total + n, 0)

describe("the hot-key facts", () => {
  const one = hotKeyFactsOf(1, docsSeed)
  const many = hotKeyFactsOf(64, docsSeed)

  it("put every record of the one hot key on one partition, which then carries most keyed records", () => {
    const [key, records] = busiestKeyOf(one.recordsByKey)
    expect(key).toBe("k0")
    const partition = one.partitionByKey.get("k0") as number
    expect(records / sum(one.load.keyedRecords)).toBeGreaterThan(0.5)
    expect(one.load.keyedRecords[partition]).toBeGreaterThanOrEqual(records)
    expect(one.load.keyedRecords[partition] / sum(one.load.keyedRecords)).toBeGreaterThan(2 / 3)
  })

  it("spread many keys' records over every partition, none carrying half", () => {
    const keyed = many.load.keyedRecords
    expect(Math.max(...keyed) / sum(keyed)).toBeLessThan(0.5)
    expect(Math.min(...keyed)).toBeGreaterThan(0)
    expect(new Set(many.partitionByKey.values()).size).toBe(3)
  })

  it("come from the same choices in every row: only the keys differ, so the record counts match", () => {
    expect(sum(one.load.records)).toBe(sum(hotKeyFactsOf(2, docsSeed).load.records))
  })
})

describe("the ceiling facts", () => {
  for (const assignor of ["range", "round-robin"] as const) {
    it(`show ${assignor} groups past 3 members with an idle member that polls and is delivered nothing`, () => {
      const facts = ceilingFactsOf(assignor, docsSeed)
      expect(facts.runs).toBe(hotKeysRuns.runs)
      expect(facts.idleness.ceiling).toBe(3)
      expect(facts.idleness.membersMax).toBeGreaterThan(3)
      expect(facts.idleness.runsIdle).toBeGreaterThan(0)
      expect(facts.idleness.pollsIdle).toBeGreaterThan(0)
      expect(facts.idleness.recordsDeliveredIdle).toBe(0)
    })
  }
})

describe("hotKeysSection", () => {
  it("is the same text for the same seed, with both tables", () => {
    const text = hotKeysSection(docsSeed).join("\n")
    expect(hotKeysSection(docsSeed).join("\n")).toBe(text)
    expect(text.split("\n")[0]).toBe("## Hot keys and the partition-count ceiling")
    expect(text).toMatch(/^\| 1 \| p0: .*`k0`.* \| \d+ \| `"k0"`: \d+% \|/m)
    expect(text).toMatch(/^\| range \| 3 \| \d \| \d+ of 200 \| \d+ \| 0 \| \d+ \|$/m)
    expect(text).toContain("An idle member polls and is delivered nothing")
  })

  it("shows short keys JSON-quoted and cuts long ones", () => {
    expect(keyText("k0")).toBe('`"k0"`')
    expect(keyText("\uD800")).toBe('`"\\ud800"`')
    expect(keyText("ü".repeat(256))).toBe('`"üüüüüüüü"…` (256 UTF-16 units)')
  })
})
