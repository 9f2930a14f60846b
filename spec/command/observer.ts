/**
 * Observer commands: reads outside any consumer group that change nothing,
 * as an operator's tools do (Kafka's `kafka-dump-log.sh` and
 * `kafka-consumer-groups.sh --describe`), and queries against the systems
 * outside the broker (effect stores, services' tables) and of queues. The
 * drain ends with them when a config has configured producers, an
 * `exactly-once` group, a group with an effect, a service or a queue, so the
 * checkers see every log whole, every group's committed offsets, every table
 * outside the broker and every queue.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "../config.ts"

/**
 * Dumps the raw entries of one partition from `offset`: data records
 * (transactional or not) and transaction markers, as stored, up to
 * `entriesMax` of them and never past the high watermark.
 *
 * 1. `UnknownTopic`. 2. `UnknownPartition` when the topic has no such
 * partition. 3. `OffsetOutOfRange` above the high watermark. 4. Answer:
 * `Dumped`, with the partition's high watermark and last stable offset, and
 * its log start offset when retention moved it above 0 (entries below it
 * are gone: the dump starts at the later of `offset` and the log start).
 */
export const ObserverDump = Schema.TaggedStruct("ObserverDump", {
  topic: Name,
  partition: Count,
  offset: Count,
  entriesMax: CountPositive
})

/**
 * Lists a group's committed offsets (offsets sent in a transaction count only
 * once it committed).
 *
 * 1. `UnknownGroup`. 2. Answer: `OffsetsFetched`, every partition the group
 * has a committed offset for, sorted by topic name, then partition.
 */
export const ObserverOffsets = Schema.TaggedStruct("ObserverOffsets", {
  group: Name
})

/**
 * Lists a group's effect store, as a query against the external system would
 * (see `EffectConfig` in spec/config.ts and `ConsumerProcess`).
 *
 * 1. `UnknownGroup`. 2. Answer: `EffectsListed`: the ledger of applied
 * effects in the order they were applied; the ids an `idempotency-key` remedy
 * remembers at `nowMs` (expired ones are left out), sorted by `atMs`, then id
 * (plain string order); the entities of a `conditional-update` remedy with
 * their version and value, sorted by entity. A group without an effect
 * answers with three empty lists.
 */
export const ObserverEffects = Schema.TaggedStruct("ObserverEffects", {
  group: Name
})

/**
 * Lists a service's tables (see spec/command/service.ts).
 *
 * 1. `UnknownService`. 2. Answer: `ServiceListed`: the business rows in
 * commit order and the outbox rows in insertion order (empty unless the
 * service publishes through an outbox).
 */
export const ObserverService = Schema.TaggedStruct("ObserverService", {
  service: Name
})

/**
 * Lists a queue, as an operator's console does (SQS's
 * `ApproximateNumberOfMessages*` made exact).
 *
 * 1. `UnknownQueue`. 2. Answer: `QueueListed`: every message of the queue
 * in queue order, visible or in flight (see `QueueEntry` in spec/queue.ts),
 * and, for a FIFO queue, the deduplication ids it remembers at `nowMs`
 * (expired ones left out), sorted by `atMs`, then id (plain string order).
 */
export const ObserverQueue = Schema.TaggedStruct("ObserverQueue", {
  queue: Name
})
