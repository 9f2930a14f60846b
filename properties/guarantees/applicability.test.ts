import { describe, expect, it } from "vitest"
import { catalogue, configDefault, guaranteeById, type Config, validateConfig } from "../../spec/index.ts"
import { notApplicableReasonOf } from "./applicability.ts"
import { guaranteeCheckById } from "./index.ts"
import { configEffects } from "./internal/configEffects.ts"
import { configFailure } from "./internal/configFailure.ts"
import { configRetention } from "./internal/configRetention.ts"
import { configTxn } from "./internal/configTxn.ts"
import { boundedQueueTestConfig } from "./internal/boundedQueueTestConfig.ts"
import { queueTestConfig } from "./internal/queueTestConfig.ts"

const reasonFor = (id: Parameters<typeof guaranteeById>[0], config: Config) =>
  notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config)

const onlyAtMostOnce: Config = { ...configDefault, groups: [configDefault.groups[1]] }
const noGroups: Config = { ...configDefault, groups: [] }

describe("notApplicableReasonOf", () => {
  it("applies every guarantee to the default config", () => {
    for (const id of ["NoLossUnderAtLeastOnce", "NoDuplicateUnderAtMostOnce", "GroupsAreIndependent", "StaleCommitsAreFenced"] as const) {
      expect(reasonFor(id, configDefault), id).toBeUndefined()
    }
  })
  it("names the missing delivery mode", () => {
    expect(reasonFor("NoLossUnderAtLeastOnce", onlyAtMostOnce)).toBe("needs an at-least-once group; the config has none")
    expect(reasonFor("AtLeastOnceCanDuplicate", onlyAtMostOnce)).toBe("needs an at-least-once group; the config has none")
    expect(reasonFor("NoDuplicateUnderAtMostOnce", onlyAtMostOnce)).toBeUndefined()
  })
  it("says a guarantee of both modes needs a group at all", () => {
    expect(reasonFor("PartitionOrderPreserved", noGroups)).toBe("needs a consumer group; the config has none")
  })
  it("does not count a group that subscribes to no topic: it is never delivered a record", () => {
    const idle = { ...configDefault.groups[1], topics: [] }
    const idleAtMostOnce: Config = { ...configDefault, groups: [configDefault.groups[0], idle] }
    expect(reasonFor("NoDuplicateUnderAtMostOnce", idleAtMostOnce)).toBe('needs an at-most-once group that reads a topic; "metrics" reads none')
    expect(reasonFor("AtMostOnceCanLose", idleAtMostOnce)).toBe('needs an at-most-once group that reads a topic; "metrics" reads none')
    expect(reasonFor("PartitionOrderPreserved", idleAtMostOnce)).toBeUndefined()
    const allIdle: Config = { ...configDefault, groups: [{ ...configDefault.groups[0], topics: [] }, idle] }
    expect(reasonFor("PartitionOrderPreserved", allIdle)).toBe('needs a consumer group that reads a topic; "billing", "metrics" read none')
  })
  it("uses the checker's own reason: GroupsAreIndependent needs two groups sharing a topic, not a mode", () => {
    expect(reasonFor("GroupsAreIndependent", onlyAtMostOnce)).toBe("needs two groups sharing a topic; the config has one group")
    expect(reasonFor("GroupsAreIndependent", noGroups)).toBe("needs two groups sharing a topic; the config has no group")
  })

  it("calls the transaction guarantees n/a on a config without producers or exactly-once groups, saying what is missing", () => {
    expect(reasonFor("IdempotentSendsWriteOnce", configDefault)).toBe(
      "needs a configured idempotent producer (only configured producers lose acknowledgements and retry); the config has none"
    )
    expect(reasonFor("RetriesWithoutIdempotenceCanDuplicate", configDefault)).toBe(
      "needs a configured producer that is not idempotent (only configured producers lose acknowledgements and retry); the config has none"
    )
    const noTransactional = "needs a transactional producer (a configured producer with a transactionalId, or an exactly-once group); the config has none"
    for (const id of ["AbortedRecordsAreNeverReadCommitted", "ReadCommittedStopsAtTheLastStableOffset", "ZombiesAreFenced", "TransactionsAreAtomic"] as const) {
      expect(reasonFor(id, configDefault), id).toBe(noTransactional)
    }
    expect(reasonFor("ExactlyOnceWithinTheBroker", configDefault)).toBe("needs an exactly-once group; the config has none")
  })
  it("applies every transaction guarantee to a config with every kind of producer and both isolations", () => {
    const first = catalogue.findIndex((g) => g.id === "IdempotentSendsWriteOnce")
    const last = catalogue.findIndex((g) => g.id === "ExactlyOnceWithinTheBroker")
    for (const guarantee of catalogue.slice(first, last + 1)) {
      expect(reasonFor(guarantee.id, configTxn), guarantee.id).toBeUndefined()
    }
  })
  it("applies the key-order claims only where a delivery-order group of a covered mode reads a topic", () => {
    const delivery = "needs an at-most-once or at-least-once group with processingOrder \"delivery\"; the config has none"
    for (const id of ["KeyOrderProcessed", "KeyOrderRegressesOnlyOnRedelivery"] as const) {
      expect(reasonFor(id, configDefault), id).toBe(delivery)
      expect(reasonFor(id, configTxn), id).toBe(delivery)
      const ordered: Config = { ...configDefault, groups: [configDefault.groups[0], { ...configDefault.groups[1], processingOrder: "delivery" }] }
      expect(reasonFor(id, ordered), id).toBeUndefined()
    }
  })
  it("calls the effect and service guarantees n/a on configs without effects or services, and applies them all where they are", () => {
    const first = catalogue.findIndex((g) => g.id === "ExactlyOnceStopsAtExternalEffects")
    const last = catalogue.findIndex((g) => g.id === "DualWriteCanLoseOrInventEvents")
    const effectAndService = catalogue.slice(first, last + 1)
    expect(effectAndService.map((guarantee) => guarantee.id)).toEqual([
      "ExactlyOnceStopsAtExternalEffects",
      "IdempotencyKeySkipsDuplicatesWithinTheWindow",
      "DedupWindowExpiryReapplies",
      "DedupKeyFirstCanLoseEffects",
      "DedupEffectFirstCanDuplicate",
      "ConditionalUpdatesApplyOnceInOrder",
      "OutboxNeverLosesACommittedEvent",
      "OutboxNeverPublishesAnUncommittedEvent",
      "DualWriteCanLoseOrInventEvents"
    ])
    for (const guarantee of effectAndService) {
      expect(reasonFor(guarantee.id, configDefault), guarantee.id).toMatch(/^needs .+; the config has none$/)
      expect(reasonFor(guarantee.id, configTxn), guarantee.id).toMatch(/^needs .+; the config has none$/)
      expect(reasonFor(guarantee.id, configEffects), guarantee.id).toBeUndefined()
    }
  })
  it("applies the queue guarantees only to configs with the queues they need", () => {
    const first = catalogue.findIndex((g) => g.id === "QueueNoLossUnderAtLeastOnce")
    const last = catalogue.findIndex((g) => g.id === "StaleReceiptsDoNotDelete")
    const queueGuarantees = catalogue.slice(first, last + 1).map((guarantee) => guarantee.id)
    expect(queueGuarantees).toEqual([
      "QueueNoLossUnderAtLeastOnce",
      "VisibilityTimeoutRedelivers",
      "PoisonMessagesEndInTheDeadLetterQueue",
      "FifoGroupOrderPreserved",
      "DeduplicationWindowSuppresses",
      "RedriveReturnsDeadLetters",
      "StaleReceiptsDoNotDelete"
    ])
    for (const id of queueGuarantees) {
      expect(reasonFor(id, queueTestConfig), id).toBeUndefined()
      expect(reasonFor(id, configDefault), id).toMatch(/^needs an? .*queue.*; the config has none$/)
      expect(reasonFor(id, configEffects), id).toMatch(/^needs an? .*queue.*; the config has none$/)
    }
    // one plain at-most-once queue: no at-least-once queue, no redrive policy, no FIFO
    const plain: Config = { ...configDefault, queues: [{ name: "emails", mode: "at-most-once", visibilityTimeoutMs: 500 }] }
    expect(queueGuarantees.map((id) => reasonFor(id, plain))).toEqual([
      "needs an at-least-once queue; the config has none",
      undefined,
      "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none",
      "needs a FIFO queue; the config has none",
      "needs a FIFO queue; the config has none",
      "needs a queue with a redrive policy (receiveCountMax and deadLetterQueue); the config has none",
      undefined
    ])
  })
  it("applies the bound guarantees only to configs with a bounded queue of their overflow policies", () => {
    const first = catalogue.findIndex((g) => g.id === "OverflowIsKnownToTheProducer")
    const boundGuarantees = catalogue.slice(first, first + 2).map((guarantee) => guarantee.id)
    expect(boundGuarantees).toEqual(["OverflowIsKnownToTheProducer", "DropOverflowLosesSilently"])
    const refusing = "needs a bounded queue whose overflow is block or reject; the config has none"
    const dropping = "needs a bounded queue whose overflow is drop-oldest or drop-newest; the config has none"
    expect(boundGuarantees.map((id) => reasonFor(id, boundedQueueTestConfig))).toEqual([undefined, undefined])
    for (const config of [configDefault, configEffects, queueTestConfig]) expect(boundGuarantees.map((id) => reasonFor(id, config))).toEqual([refusing, dropping])
    const only = (overflow: string): Config => ({ ...boundedQueueTestConfig, queues: boundedQueueTestConfig.queues!.filter((queue) => queue.overflow === overflow) })
    expect(boundGuarantees.map((id) => reasonFor(id, only("block")))).toEqual([undefined, dropping])
    expect(boundGuarantees.map((id) => reasonFor(id, only("reject")))).toEqual([undefined, dropping])
    expect(boundGuarantees.map((id) => reasonFor(id, only("drop-oldest")))).toEqual([refusing, undefined])
    expect(boundGuarantees.map((id) => reasonFor(id, only("drop-newest")))).toEqual([refusing, undefined])
  })
  it("applies the failure guarantees where a group has the policy, the mode or the breaker they need, and retention where an at-least-once group reads a topic with it", () => {
    expect(validateConfig(configFailure)).toBeUndefined()
    expect(validateConfig(configRetention)).toBeUndefined()
    const first = catalogue.findIndex((g) => g.id === "PoisonMessagesDoNotBlockThePartition")
    const ids = catalogue.slice(first).map((guarantee) => guarantee.id)
    expect(ids).toEqual([
      "PoisonMessagesDoNotBlockThePartition",
      "PoisonBlocksWithoutAPolicy",
      "DeadLettersAreNeverLost",
      "BackoffSpacesRetries",
      "CircuitBreakerStopsRetryStorms",
      "RedrivenDeadLettersAreProcessed",
      "RetentionLossesAreDocumented"
    ])
    expect(ids.map((id) => reasonFor(id, configFailure))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined,
      "needs a topic with retention (retentionMs or retentionRecordsMax); the config has none"])
    const failures = ids.slice(0, 6)
    for (const config of [configDefault, configRetention]) {
      expect(failures.map((id) => reasonFor(id, config))).toEqual([
        "needs an at-least-once group with a retry-then-dead-letter failure policy that reads a topic; the config has none",
        "needs an at-least-once group whose failure policy is none that reads a topic; the config has none",
        "needs a group with a retry-then-dead-letter failure policy that reads a topic; the config has none",
        "needs a group with a retry-then-dead-letter failure policy (whose retries back off) that reads a topic; the config has none",
        "needs a group with a circuit breaker that reads a topic; the config has none",
        "needs a group with a retry-then-dead-letter failure policy that reads a topic; the config has none"
      ])
    }
    expect(reasonFor("RetentionLossesAreDocumented", configRetention)).toBeUndefined()
    // Only the at-most-once group and a group of another topic left: nothing at least once reads what retention deletes.
    const atMostOnce: Config = { ...configRetention, groups: configRetention.groups.filter((g) => g.name === "metrics" || g.name === "archive") }
    expect(reasonFor("RetentionLossesAreDocumented", atMostOnce)).toBe("needs an at-least-once group that reads a topic with retention; the config has none")
    // Only at-most-once groups with a policy: the at-least-once claims are n/a, the others (the redrive's too) apply.
    const audit: Config = { ...configFailure, groups: configFailure.groups.filter((g) => g.name === "audit") }
    expect(failures.map((id) => reasonFor(id, audit) === undefined)).toEqual([false, false, true, true, true, true])
  })
  it("leaves the stream guarantees to groups in a config with queues", () => {
    expect(reasonFor("NoLossUnderAtLeastOnce", { ...queueTestConfig, groups: [] })).toBe("needs an at-least-once group; the config has none")
    expect(reasonFor("NoLossUnderAtLeastOnce", queueTestConfig)).toBeUndefined()
  })
})
