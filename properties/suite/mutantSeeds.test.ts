import { describe, expect, it } from "vitest"
import { catalogue, guaranteeById } from "../../spec/catalogue.ts"
import { configDefault } from "../../spec/config.ts"
import type { Config } from "../../spec/config.ts"
import { isExternalConfig, isTransactionalConfig } from "../driver/driver.ts"
import {
  configConditionalUpdate,
  configDoubleCharge,
  configExactlyOnce,
  configExternalEffects,
  configOutbox,
  configPerUserOrdering,
  configQueueAndStream,
  configDeadLetterTriage,
  configBoundedQueues,
  configPoisonAndRetries,
  configRetention,
  exactlyOnceMutants,
  failureMutants,
  retentionMutants,
  externalMutantConfigs,
  keyOrderMutants,
  mutantConfigOf,
  overflowMutants,
  queueMutants,
  triageMutants
} from "./mutantSeeds.ts"

/** The guarantees of issue 7 "where exactly-once ends", and the setup each one's mutant needs in its config. */
const externalGuarantees: ReadonlyArray<readonly [string, (config: Config) => boolean]> = [
  ["ExactlyOnceStopsAtExternalEffects", (c) => c.groups.some((g) => g.mode === "exactly-once" && g.effect?.remedy === "none")],
  ["IdempotencyKeySkipsDuplicatesWithinTheWindow", (c) => c.groups.some((g) => g.effect?.remedy === "idempotency-key" && g.effect.dedupWindowMs !== undefined)],
  ["DedupWindowExpiryReapplies", (c) => c.groups.some((g) => g.effect?.remedy === "idempotency-key" && (g.effect.dedupWindowMs ?? Infinity) <= c.bounds.clockAdvanceMsMax)],
  ["DedupKeyFirstCanLoseEffects", (c) => c.groups.some((g) => g.effect?.dedupOrder === "key-then-effect")],
  ["DedupEffectFirstCanDuplicate", (c) => c.groups.some((g) => g.effect?.dedupOrder === "effect-then-key" && g.effect.dedupWindowMs !== undefined)],
  ["ConditionalUpdatesApplyOnceInOrder", (c) => c.groups.some((g) => g.effect?.remedy === "conditional-update") && (c.producers ?? []).some((p) => !p.idempotent)],
  ["OutboxNeverLosesACommittedEvent", (c) => (c.services ?? []).some((s) => s.publish === "outbox")],
  ["OutboxNeverPublishesAnUncommittedEvent", (c) => (c.services ?? []).some((s) => s.publish === "outbox")],
  ["DualWriteCanLoseOrInventEvents", (c) => ["commit-then-send", "send-then-commit"].every((mode) => (c.services ?? []).some((s) => s.publish === mode))]
]

/** The guarantees of queues (issue 8). */
const queueGuarantees = [
  "QueueNoLossUnderAtLeastOnce",
  "VisibilityTimeoutRedelivers",
  "PoisonMessagesEndInTheDeadLetterQueue",
  "FifoGroupOrderPreserved",
  "DeduplicationWindowSuppresses",
  "RedriveReturnsDeadLetters",
  "StaleReceiptsDoNotDelete"
]

/** The guarantees of processing failures (issue 9). */
const failureGuarantees = [
  "PoisonMessagesDoNotBlockThePartition",
  "PoisonBlocksWithoutAPolicy",
  "DeadLettersAreNeverLost",
  "BackoffSpacesRetries",
  "CircuitBreakerStopsRetryStorms",
  "RedrivenDeadLettersAreProcessed"
]

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
  it("gives the mutants of the seven transactional guarantees the exactly-once config, those of the key-order claims the per-user-ordering config, those of queues the queue config (those of a triaged redrive the dead-letter-triage config), those of overflow the bounded-queues config, those of failures the poison-and-retries config, those of retention the retention config, and every other mutant the default config", () => {
    const transactional = new Set(catalogue.filter((g) => newGuarantees.includes(g.id)).flatMap((g) => g.mutants))
    expect([...transactional].sort()).toEqual([...exactlyOnceMutants].sort())
    const keyOrder = new Set(catalogue.filter((g) => g.id.startsWith("KeyOrder")).flatMap((g) => g.mutants))
    expect([...keyOrder].sort()).toEqual([...keyOrderMutants].sort())
    const external = new Set(catalogue.filter((g) => externalGuarantees.some(([id]) => id === g.id)).flatMap((g) => g.mutants))
    expect([...external].sort()).toEqual([...externalMutantConfigs.keys()].sort())
    const queued = new Set(catalogue.filter((g) => queueGuarantees.includes(g.id)).flatMap((g) => g.mutants))
    expect([...queued].sort()).toEqual([...queueMutants, ...triageMutants].sort())
    const overflowing = new Set(catalogue.filter((g) => ["OverflowIsKnownToTheProducer", "DropOverflowLosesSilently"].includes(g.id)).flatMap((g) => g.mutants))
    expect([...overflowing].sort()).toEqual([...overflowMutants].sort())
    const failing = new Set(catalogue.filter((g) => failureGuarantees.includes(g.id)).flatMap((g) => g.mutants))
    expect([...failing].sort()).toEqual([...failureMutants].sort())
    const retained = new Set(guaranteeById("RetentionLossesAreDocumented").mutants)
    expect([...retained].sort()).toEqual([...retentionMutants].sort())
    for (const guarantee of catalogue) {
      for (const mutant of guarantee.mutants) {
        expect(mutantConfigOf(mutant)).toBe(
          transactional.has(mutant) ? configExactlyOnce
          : keyOrder.has(mutant) ? configPerUserOrdering
          : external.has(mutant) ? externalMutantConfigs.get(mutant)
          : triageMutants.has(mutant) ? configDeadLetterTriage
          : queued.has(mutant) ? configQueueAndStream
          : overflowing.has(mutant) ? configBoundedQueues
          : failing.has(mutant) ? configPoisonAndRetries
          : retained.has(mutant) ? configRetention
          : configDefault
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

describe("the configs of the mutants of failures and retention", () => {
  it("loads the poison-and-retries config: a breaker that pauses, none, one that dead-letters, the naive policy; attempts enough for a third backoff", () => {
    expect(configPoisonAndRetries.groups.map((g) => [g.name, g.mode, g.failure?.policy, g.failure?.breaker?.whileOpen])).toEqual([
      ["billing", "at-least-once", "retry-then-dead-letter", "pause"],
      ["storm", "at-least-once", "retry-then-dead-letter", undefined],
      ["audit", "at-most-once", "retry-then-dead-letter", "dead-letter"],
      ["naive", "at-least-once", "none", undefined]
    ])
    // backoff-linear differs from the exponential schedule only from the third failed attempt on
    expect(configPoisonAndRetries.groups.some((g) => (g.failure?.attemptsMax ?? 0) >= 4)).toBe(true)
  })

  it("loads the retention config: a topic retained by time and size, read by groups resetting earliest, latest and none", () => {
    expect(configRetention.topics[0]).toEqual({ name: "events", partitions: 2, retentionMs: 20000, retentionRecordsMax: 6 })
    expect(configRetention.groups.map((g) => g.autoOffsetReset)).toEqual(["earliest", "latest", "none", undefined])
  })
})

describe("the configs of the mutants of external effects and services", () => {
  it("hunts each of the eight mutants on a shipped config with the setup its guarantee's always check needs", () => {
    for (const [id, hasSetup] of externalGuarantees) {
      const guarantee = catalogue.find((g) => g.id === id)
      expect(guarantee, id).toBeDefined()
      expect(guarantee?.mutants).toHaveLength(1)
      for (const mutant of guarantee?.mutants ?? []) expect(hasSetup(mutantConfigOf(mutant)), `${mutant} (${id})`).toBe(true)
    }
  })

  it("loads the four shipped configs of issue 7, each reaching outside the broker", () => {
    for (const config of [configDoubleCharge, configConditionalUpdate, configOutbox, configExternalEffects]) expect(isExternalConfig(config)).toBe(true)
    expect(configDoubleCharge.topics.map((t) => t.name)).toEqual(["payments"])
    expect(configOutbox.services?.map((s) => s.publish)).toEqual(["outbox", "commit-then-send", "send-then-commit"])
    expect(configExternalEffects.groups.filter((g) => g.effect !== undefined).map((g) => [g.mode, g.effect?.remedy])).toEqual([
      ["exactly-once", "none"],
      ["exactly-once", "idempotency-key"]
    ])
  })
})
