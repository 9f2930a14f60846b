import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { brokerEntries } from "../../brokers/index.ts"
import { readTraceFile } from "../../properties/trace/traceFile.ts"
import { brokerResultsCommitted, realBrokersSection } from "../docs/realBrokersSection.ts"
import { brokerTraceFile, matrixColumns } from "./matrix.ts"

const root = path.resolve(import.meta.dirname, "../..")
const results = brokerResultsCommitted(root)

describe("docs/brokers/results.json", () => {
  it("has a row for every setting of every broker, in matrix order", () => {
    expect(results).toBeDefined()
    expect(results!.rows.map((row) => row.target)).toEqual(brokerEntries.flatMap((entry) => entry.settings.map((setting) => `${entry.name}:${setting}`)))
    expect(results!.guarantees).toEqual(matrixColumns(results!.rows))
  })

  it("agrees with each broker's profile and keeps a trace of every violation, which names that violation", () => {
    for (const row of results!.rows) {
      const [name, setting] = row.target.split(":")
      const profile = brokerEntries.find((entry) => entry.name === name)!.make(setting).profile
      expect(row.broker).toBe(profile.broker)
      expect(row.setting).toBe(profile.setting)
      for (const [id, reason] of Object.entries(profile.notApplicable)) expect(row.cells[id], `${row.target} ${id}`).toEqual({ _tag: "NotApplicable", reason })
      expect(row.crash.lost.every((id) => row.crash.acknowledged.includes(id))).toBe(true)
      for (const [id, cell] of Object.entries(row.cells)) {
        if (cell._tag !== "Violated") continue
        expect(cell.trace).toBe(brokerTraceFile(row.target, id))
        const trace = Effect.runSync(readTraceFile(path.join(root, cell.trace)))
        expect(trace.target).toBe(row.target)
        expect(trace.verdict).toMatchObject({ _tag: "GuaranteeViolated", guarantee: id, step: cell.step, message: cell.message })
      }
    }
  })

  it("is what the docs' matrix shows: a column per judged guarantee, a row per setting, each violation linked", () => {
    const lines = realBrokersSection(results)
    const header = lines.find((line) => line.startsWith("| broker | setting | judged |"))!
    for (const id of results!.guarantees) expect(header).toContain(id)
    for (const row of results!.rows) {
      for (const cell of Object.values(row.cells)) if (cell._tag === "Violated") expect(lines.join("\n")).toContain(`(../${cell.trace})`)
    }
  })

  it("leaves no trace file that no row names", () => {
    const directory = path.join(root, "traces/brokers")
    const named = new Set(results!.rows.flatMap((row) => Object.values(row.cells).flatMap((cell) => (cell._tag === "Violated" ? [cell.trace] : []))))
    const files = fs.existsSync(directory) ? fs.readdirSync(directory).map((file) => `traces/brokers/${file}`) : []
    expect(files.filter((file) => !named.has(file))).toEqual([])
  })
})
