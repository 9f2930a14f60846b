import { describe, expect, it } from "vitest"
import { catalogue } from "../../spec/catalogue.ts"
import { configDefault } from "../../spec/config.ts"
import { isTransactionalConfig } from "../driver/driver.ts"
import { configExactlyOnce, configPerUserOrdering, exactlyOnceMutants, keyOrderMutants, mutantConfigOf } from "./mutantSeeds.ts"

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
  it("gives the mutants of the seven transactional guarantees the exactly-once config, those of the key-order claims the per-user-ordering config, and every other mutant the default config", () => {
    const transactional = new Set(catalogue.filter((g) => newGuarantees.includes(g.id)).flatMap((g) => g.mutants))
    expect([...transactional].sort()).toEqual([...exactlyOnceMutants].sort())
    const keyOrder = new Set(catalogue.filter((g) => g.id.startsWith("KeyOrder")).flatMap((g) => g.mutants))
    expect([...keyOrder].sort()).toEqual([...keyOrderMutants].sort())
    for (const guarantee of catalogue) {
      for (const mutant of guarantee.mutants) {
        expect(mutantConfigOf(mutant)).toBe(
          transactional.has(mutant) ? configExactlyOnce : keyOrder.has(mutant) ? configPerUserOrdering : configDefault
        )
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

  it("loads the shipped per-user-ordering config: one keyed topic of three partitions, both covered modes processing in delivery order", () => {
    expect(isTransactionalConfig(configPerUserOrdering)).toBe(false)
    expect(configPerUserOrdering.topics).toEqual([{ name: "user-events", partitions: 3 }])
    expect(configPerUserOrdering.groups.map((g) => [g.mode, g.processingOrder])).toEqual([
      ["at-least-once", "delivery"],
      ["at-most-once", "delivery"]
    ])
    expect(configPerUserOrdering.bounds.membersPerGroupMax).toBe(4)
  })
})
