import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { configDefault } from "../../spec/config.ts"
import { isTransactionalConfig } from "../driver/driver.ts"
import { configExactlyOnce, exactlyOnceMutants, mutantConfigOf } from "./mutantSeeds.ts"

const newGuarantees = [
  "IdempotentSendsWriteOnce",
  "RetriesWithoutIdempotenceCanDuplicate",
  "AbortedRecordsAreNeverReadCommitted",
  "ReadCommittedStopsAtTheLastStableOffset",
  "ZombiesAreFenced",
  "TransactionsAreAtomic",
  "ExactlyOnceWithinTheBroker"
]

describe("mutantConfigOf", () => {
  it("gives the mutants of the seven transactional guarantees the exactly-once config, and every other mutant the default config", () => {
    const transactional = new Set(catalogue.filter((g) => newGuarantees.includes(g.id)).flatMap((g) => g.mutants))
    expect([...transactional].sort()).toEqual([...exactlyOnceMutants].sort())
    for (const guarantee of catalogue) {
      for (const mutant of guarantee.mutants) {
        expect(mutantConfigOf(mutant)).toBe(transactional.has(mutant) ? configExactlyOnce : configDefault)
        expect(mutantConfigOf(`mutant:${mutant}`)).toBe(mutantConfigOf(mutant))
      }
    }
  })

  it("loads the shipped exactly-once config: an exactly-once group, read_committed and read_uncommitted readers, four kinds of producer", () => {
    expect(isTransactionalConfig(configExactlyOnce)).toBe(true)
    expect(configExactlyOnce.groups.map((g) => g.mode).sort()).toEqual(["at-least-once", "at-most-once", "exactly-once"])
    const producers = configExactlyOnce.producers ?? []
    expect(producers.filter((p) => p.transactionalId === "ledger")).toHaveLength(2)
    expect(producers.some((p) => p.idempotent && p.transactionalId === undefined)).toBe(true)
    expect(producers.some((p) => !p.idempotent)).toBe(true)
  })
})
