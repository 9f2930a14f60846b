/**
 * The driver: the consumer application's view of the system, built only from
 * the answers it got. Commands are decoded from choices against this view, so
 * they follow each group's consumer protocol and stay meaningful.
 *
 * The driver follows the answers of the target under test (on a conforming
 * target that is the model's state), as a real application would: after a
 * divergence it keeps driving the broken target along its own history, so the
 * guarantees can be checked on that history.
 *
 * @module
 */
import type { Config, DeliveryMode, ProcessingOrder } from "../../spec/config.ts"
import { memberProducerName } from "../../spec/config.ts"
import type { PartitionOffset, TopicPartition } from "../../spec/record.ts"
import type { ExternalView } from "./external.ts"
import type { FailedAttempt, FailureView } from "./failure.ts"
import { failureInit } from "./failure.ts"
import type { RetentionView } from "./retention.ts"
import { retentionInit } from "./retention.ts"
import { externalInit } from "./external.ts"
import type { ProducerView } from "./producer.ts"
import { producersInit } from "./producer.ts"
import type { QueueView } from "./queue.ts"
import { queuesInit } from "./queue.ts"

/**
 * A record a member was delivered and has not processed, as the member holds
 * it: where it sits, the client epoch it was delivered in, and whether an
 * at-most-once commit of that same epoch covered it (so it may be processed).
 */
export interface Delivery {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** The member's {@link MemberView.epoch} when the record was delivered. */
  readonly epoch: number
  /** At-most-once: a successful commit in the delivery's epoch covered it. */
  readonly cleared: boolean
  /**
   * Exactly-once: the record is a duplicate the member must not process (a
   * later copy of a record it processed, or a record of a partition it
   * rewound; the next poll delivers it again).
   */
  readonly stale?: boolean
}

/**
 * What an exactly-once member processed in its current transaction in one
 * partition: the offset of the first record processed there (where a rewind
 * goes back to) and the offset after the last one (what it sends as offsets).
 */
export interface ProcessedRange {
  readonly topic: string
  readonly partition: number
  readonly start: number
  readonly next: number
}

/**
 * One member slot of a group, as its application sees it: whether it has a
 * running client, whether the broker still lists it, and the client's state
 * (generation, assignment, positions, buffer).
 */
export interface MemberView {
  readonly name: string
  /** The member has a client (joined, and neither crashed nor left since). */
  readonly running: boolean
  /** The broker lists the member, as far as its answers said. */
  readonly listed: boolean
  /** The generation the client last learned. */
  readonly generation: number
  /** The partitions the client last learned it owns, sorted. */
  readonly assignment: ReadonlyArray<TopicPartition>
  /**
   * Counts the client's syncs: a join or a rebalance sync starts a new epoch,
   * which forgets the positions and the deliveries of the previous one.
   */
  readonly epoch: number
  /** Delivered, unprocessed records, in delivery order. */
  readonly buffer: ReadonlyArray<Delivery>
  /** Positions the client reached in this epoch, by {@link partitionKey}. */
  readonly positions: ReadonlyMap<string, number>
  /** Partitions delivered records in this epoch, in first-delivery order. */
  readonly delivered: ReadonlyArray<TopicPartition>
  /**
   * When the broker last heard from the member, as far as the answers tell
   * (the clock at its last join, heartbeat, poll or commit that passed the
   * membership check); its session expires at `lastHeardMs + sessionTimeoutMs`.
   */
  readonly lastHeardMs: number
  /** Exactly-once: this client began the transaction its producer has open (else that transaction is an orphan, to abort). */
  readonly txnBegun: boolean
  /** Exactly-once: what the current transaction processed, per partition, in first-processing order. */
  readonly txnProcessed: ReadonlyArray<ProcessedRange>
  /** Exactly-once: the offsets after everything processed were sent to the transaction (`TxnOffsetsSent`) since the last process. */
  readonly txnOffsetsSent: boolean
  /** Exactly-once: the transaction can no longer commit correctly (a sync, a stale generation, an unknown member): abort it. */
  readonly txnDoomed: boolean
  /** Exactly-once: where to seek back to after an aborted or fenced transaction, not done yet. */
  readonly rewinds: ReadonlyArray<PartitionOffset>
  /** A group with a `failure` config: the client's failed attempts per record place (see `failure.ts`), empty otherwise. */
  readonly attempts: ReadonlyMap<string, FailedAttempt>
  /** `autoOffsetReset: none`: where a poll refused with `OffsetOutOfRange` told the member the log starts, one per partition, until it seeks there. */
  readonly outOfRange: ReadonlyArray<PartitionOffset>
}

/** One consumer group: its protocol, its latest known generation, its member slots. */
export interface GroupView {
  readonly name: string
  readonly mode: DeliveryMode
  /** The order its application processes delivered records in (`any` when the config leaves it out; see {@link ProcessingOrder}). */
  readonly processingOrder: ProcessingOrder
  /** The latest generation any answer revealed. */
  readonly generation: number
  /** The slots `m0..` (up to `membersPerGroupMax`), then the drain's member. */
  readonly members: ReadonlyArray<MemberView>
  /** The group's failure handling as the answers showed it, `undefined` for a group without a `failure` config. */
  readonly failure: FailureView | undefined
}

/** The whole application view. */
export interface Driver {
  /** Groups in configuration order. */
  readonly groups: ReadonlyArray<GroupView>
  /** Where each configured partition sits in `highWatermarks`, by {@link partitionKey} (shared by all views of a run). */
  readonly partitionIndex: ReadonlyMap<string, number>
  /** High watermarks seen in `Sent` answers, one per configured partition (see {@link highWatermarkOf}). */
  readonly highWatermarks: ReadonlyArray<number>
  /** The clock, as the last `ClockAdvanced` answer told it. */
  readonly nowMs: number
  /** How many sends were issued (the next send's value is `v<sendsCount>`). */
  readonly sendsCount: number
  /** Whether the config names producers or has an `exactly-once` group (see {@link isTransactionalConfig}). */
  readonly transactional: boolean
  /** The producer clients the application follows: configured ones, then exactly-once members' (`<group>/<member>`). */
  readonly producers: ReadonlyMap<string, ProducerView>
  /** The latest epoch answers revealed per transactional id (`ProducerInitialized`, timeout aborts). */
  readonly epochs: ReadonlyMap<string, number>
  /** The exactly-once member each member producer belongs to (shared by all views of a run). */
  readonly memberOfProducer: ReadonlyMap<string, { readonly group: string; readonly member: string }>
  /** Whether the config reaches outside the broker (see {@link isExternalConfig}). */
  readonly external: boolean
  /** Effect stores and services as the answers showed them (empty unless {@link Driver.external}). */
  readonly outside: ExternalView
  /** The configured queues as the answers showed them, in config order (empty for a config without queues). */
  readonly queues: ReadonlyArray<QueueView>
  /** Whether some group has a `failure` config (only then are the failure actions and answers in play). */
  readonly failures: boolean
  /** The retained topics' partitions as the answers showed them, `undefined` for a config without retention. */
  readonly retention: RetentionView | undefined
}

/**
 * Whether a config uses transactions at all: it names producers or has an
 * `exactly-once` group. Only such configs get the new actions, the
 * transactional drain and the observer dumps; every other config runs
 * exactly as before transactions existed.
 */
export const isTransactionalConfig = (config: Config): boolean =>
  (config.producers !== undefined && config.producers.length > 0) || config.groups.some((group) => group.mode === "exactly-once")

/**
 * Whether a config reaches outside the broker: it has a group with an
 * `effect` or names `services`. Only such configs get the actions of effects
 * and services, and the drain's relays and observers of effect stores and
 * services; every other config runs exactly as before they existed.
 */
export const isExternalConfig = (config: Config): boolean =>
  config.groups.some((group) => group.effect !== undefined) || (config.services !== undefined && config.services.length > 0)

/** The name of the member the final drain joins to each group. */
export const drainerName = "drainer"

/** The name of member slot `index`: `m0`, `m1`, ... */
export const memberName = (index: number): string => `m${index}`

/** The name of producer `index`: `p0`, `p1`, ... */
export const producerName = (index: number): string => `p${index}`

/** The name of key `index`: `k0`, `k1`, ... */
export const keyName = (index: number): string => `k${index}`

/** The map key of a partition, for positions. */
export const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`

const positionsEmpty: ReadonlyMap<string, number> = new Map()
const attemptsEmpty: ReadonlyMap<string, FailedAttempt> = new Map()

/** A member slot with no client, never listed. */
export const memberIdle = (name: string): MemberView => ({
  name,
  running: false,
  listed: false,
  generation: 0,
  assignment: [],
  epoch: 0,
  buffer: [],
  positions: positionsEmpty,
  delivered: [],
  lastHeardMs: 0,
  txnBegun: false,
  txnProcessed: [],
  txnOffsetsSent: false,
  txnDoomed: false,
  rewinds: [],
  attempts: attemptsEmpty,
  outOfRange: []
})

/**
 * The view before anything happened: no members, empty topics, time 0.
 *
 * @example
 * ```ts
 * const driver = driverInit(configDefault)
 * driver.groups[0].members.map((m) => m.name) // ["m0", "m1", "m2", "m3", "drainer"]
 * ```
 */
export const driverInit = (config: Config): Driver => {
  const slots: Array<MemberView> = []
  for (let i = 0; i < config.bounds.membersPerGroupMax; i++) slots.push(memberIdle(memberName(i)))
  slots.push(memberIdle(drainerName))
  const memberOfProducer = new Map<string, { readonly group: string; readonly member: string }>()
  for (const group of config.groups) {
    if (group.mode !== "exactly-once") continue
    for (const slot of slots) memberOfProducer.set(memberProducerName(group.name, slot.name), { group: group.name, member: slot.name })
  }
  return {
    groups: config.groups.map((group) => ({
      name: group.name,
      mode: group.mode,
      processingOrder: group.processingOrder ?? "any",
      generation: 0,
      members: slots,
      failure: failureInit(group)
    })),
    partitionIndex: new Map(
      config.topics
        .flatMap((topic) => Array.from({ length: topic.partitions }, (_, partition) => partitionKey(topic.name, partition)))
        .map((key, index) => [key, index] as const)
    ),
    highWatermarks: config.topics.flatMap((topic) => new Array<number>(topic.partitions).fill(0)),
    nowMs: 0,
    sendsCount: 0,
    transactional: isTransactionalConfig(config),
    producers: producersInit(config, [...memberOfProducer.keys()]),
    epochs: new Map(),
    memberOfProducer,
    external: isExternalConfig(config),
    outside: externalInit(config),
    queues: queuesInit(config),
    failures: config.groups.some((group) => group.failure !== undefined),
    retention: retentionInit(config)
  }
}

/**
 * The high watermark of a partition as the `Sent` answers showed it (0 for
 * a partition that is not configured).
 */
export const highWatermarkOf = (driver: Driver, topic: string, partition: number): number => {
  const index = driver.partitionIndex.get(partitionKey(topic, partition))
  return index === undefined ? 0 : driver.highWatermarks[index]
}
