import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { stdioTarget } from "../../impl/stdio/target.ts"
import { configDefault } from "../../spec/config.ts"
import { checkTarget } from "../check/checkTarget.ts"

const broker = fileURLToPath(new URL("../../examples/python-target/broker.py", import.meta.url))

describe("examples/python-target: a broker in Python, written from the spec, over stdio", () => {
  it("conforms exactly to the model on the default config, and every guarantee holds and is witnessed", async () => {
    const report = await checkTarget({ target: stdioTarget(["python3", broker]), config: configDefault, runs: 30, seed: 20261201 })
    expect(report.runsDone).toBe(30)
    expect(report.divergedRuns).toBe(0)
    expect(report.failure).toBeUndefined()
    for (const tally of report.tallies.filter((t) => t.applicable)) {
      expect({ id: tally.guarantee.id, violatedRuns: tally.violatedRuns }).toEqual({ id: tally.guarantee.id, violatedRuns: 0 })
      expect(tally.witnessedRuns, tally.guarantee.id).toBeGreaterThan(0)
    }
  })
})
