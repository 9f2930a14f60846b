import { createHash } from "node:crypto"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { configDefault } from "../spec/config.ts"
import { entriesOf, init, run } from "./index.ts"
import { commandArbDefault } from "./internal/testing.ts"

describe("configs without configured producers or exactly-once groups", () => {
  it("answer exactly as the model did before transactions existed", () => {
    // The digest of every answer of 300 runs of up to 80 random commands (seed 6) on the default
    // config, as computed by the model of commit 9ded1a4 (before issue 6). A change of fast-check's
    // sampling would also change it: then recompute it with that commit's model.
    const samples = fc.sample(fc.array(commandArbDefault, { maxLength: 80 }), { seed: 6, numRuns: 300 })
    const hash = createHash("sha256")
    for (const commands of samples) hash.update(JSON.stringify(run(init(configDefault), commands).responses))
    expect(hash.digest("hex")).toBe("5e10407c546c30b02933a3c43e9fc82ae029abf4eae6d7ec21b3dfb18a97dbe8")
  })

  it("store only plain records: no producer ids, no markers", () => {
    const samples = fc.sample(fc.array(commandArbDefault, { maxLength: 80 }), { seed: 7, numRuns: 50 })
    for (const commands of samples) {
      const { state } = run(init(configDefault), commands)
      for (const topic of configDefault.topics) {
        for (let partition = 0; partition < topic.partitions; partition++) {
          for (const entry of entriesOf(state, topic.name, partition)) {
            expect(entry._tag === "Data" && entry.producerId === undefined && entry.transactional === undefined).toBe(true)
          }
        }
      }
      expect(state.coordinator.transactions.size + state.producers.size).toBe(0)
    }
  })
})
