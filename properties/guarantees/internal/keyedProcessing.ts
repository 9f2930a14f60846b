/**
 * The processing of keyed records by the groups whose application processes
 * in delivery order, as the two key-order claims read it: for each
 * `Processed` answer of such a group, the record's key (from the poll that
 * delivered it, as the replay keeps it), the step of the answer that appended it (from
 * {@link appendsOf}), and the member's client epoch the consumed delivery
 * came in. Shared by KeyOrderProcessed and KeyOrderRegressesOnlyOnRedelivery.
 *
 * A member's *client epoch* starts at its join, at each sync (a
 * `RebalanceInProgress` answer, or a `HeartbeatOk` with a new generation or
 * assignment) and at each of its seeks. A `Processed` answer consumes the
 * member's earliest unprocessed delivery of the record (the spec's "first
 * matching buffer entry"), and belongs to the epoch of that delivery; it
 * also carries the group's fault epoch at that delivery. A
 * `ProcessDeadLettered` uses up a delivery the same way, without a
 * processing.
 *
 * @module
 */
import type { Config, GroupConfig, HistoryEntry, TopicPartition } from "../../../spec/index.ts"
import { quoteInput } from "../../../spec/internal/quoteInput.ts"
import { memberKey, partitionKey, recordKey } from "./keys.ts"
import { Redeliveries } from "./redeliveries.ts"
import { Replay } from "./replay.ts"
import { appendsOf } from "./sends.ts"

/** One keyed record processed by a member of a delivery-order group. */
export interface KeyedProcessing {
  /** The step of the `Processed` answer. */
  readonly step: number
  readonly group: string
  readonly member: string
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly key: string
  /**
   * The step of the answer (`Sent` or `SendTimedOut`) that appended the
   * record: a retry answered `Sent` at an idempotent producer's earlier
   * position counts from the send it repeats, and an append whose answer
   * named no offset took the partition's next one (appends and markers take
   * offsets in the order of their answers).
   */
  readonly sentStep: number
  /** The member's client epoch the consumed delivery came in: a number unique within the history. */
  readonly epoch: number
  /** The step at which that client epoch started. */
  readonly epochStart: number
  /** The group's fault epoch (see `Replay`'s `GroupView.epoch`) when the consumed delivery came. */
  readonly groupEpoch: number
}

/** The groups the key-order claims judge: `processingOrder: "delivery"` and at-most-once or at-least-once. */
export const keyOrderGroupsOf = (config: Config): ReadonlyArray<GroupConfig> =>
  config.groups.filter((group) => group.processingOrder === "delivery" && group.mode !== "exactly-once")

/** Why the key-order claims cannot apply to `config`, or `undefined` when they can. */
export const keyOrderNotApplicableReason = (config: Config): string | undefined => {
  const groups = keyOrderGroupsOf(config)
  const what = "an at-most-once or at-least-once group with processingOrder \"delivery\""
  if (groups.length === 0) return `needs ${what}; the config has none`
  if (groups.some((group) => group.topics.length > 0)) return undefined
  const names = groups.map((group) => quoteInput(group.name))
  return `needs ${what} that reads a topic; ${names.length === 1 ? `${names[0]} reads none` : `${names.join(", ")} read none`}`
}

/**
 * The map key of a record's key within its topic: key order is per topic
 * and key (Kafka partitions by key within a topic; one key in two topics
 * names two unrelated streams).
 */
export const topicKeyOf = (processing: KeyedProcessing): string => `${processing.topic}\u0000${processing.key}`

/** A key as messages show it. */
export const showKey = (key: string): string => `key ${quoteInput(key)}`

const sameAssignment = (a: ReadonlyArray<TopicPartition>, b: ReadonlyArray<TopicPartition>): boolean =>
  a.length === b.length && a.every((tp, i) => tp.topic === b[i].topic && tp.partition === b[i].partition)

interface MemberEpoch {
  readonly epoch: number
  readonly start: number
  /** The client epochs of the member's unprocessed deliveries, oldest first, per record key. */
  readonly deliveries: Map<string, Array<{ readonly epoch: number; readonly start: number; readonly groupEpoch: number }>>
}

/**
 * Walks a history once: {@link KeyedProcessings.observe} each entry in order;
 * it answers the keyed processing the entry shows, if any, and keeps the
 * replay, the redeliveries and the send steps up to date.
 */
export class KeyedProcessings {
  /** The replay of the entries observed so far. */
  readonly replay: Replay
  /** The deliveries of the judged groups so far (which were justified redeliveries). */
  readonly redeliveries: Redeliveries
  private readonly judged: ReadonlySet<string>
  private readonly sentSteps = new Map<string, number>()
  /** One past the highest offset an append took per partition key, counting the appends whose answers named no offset. */
  private readonly unpositionedEnds = new Map<string, number>()
  private readonly members = new Map<string, MemberEpoch>()
  private epochs = 0

  constructor(config: Config) {
    this.replay = new Replay(config)
    this.judged = new Set(keyOrderGroupsOf(config).map((group) => group.name))
    this.redeliveries = new Redeliveries((group) => this.judged.has(group))
  }

  private newEpoch(group: string, member: string, step: number, keepDeliveries: boolean): void {
    const key = memberKey(group, member)
    const previous = this.members.get(key)
    this.members.set(key, {
      epoch: this.epochs++,
      start: step,
      deliveries: keepDeliveries && previous !== undefined ? previous.deliveries : new Map()
    })
  }

  private member(group: string, member: string, step: number): MemberEpoch {
    const key = memberKey(group, member)
    if (!this.members.has(key)) this.newEpoch(group, member, step, false)
    return this.members.get(key)!
  }

  /** Folds one entry in; answers its keyed processing by a judged group, if it shows one. */
  observe(entry: HistoryEntry, step: number): KeyedProcessing | undefined {
    const response = entry.response
    for (const append of appendsOf(entry, step, this.replay)) {
      // An append whose answer named no offset (a lost acknowledgement) took the partition's next offset.
      const where = partitionKey(append.topic, append.partition)
      const end = Math.max(this.unpositionedEnds.get(where) ?? 0, this.replay.logEnd(append.topic, append.partition))
      const offset = append.offset ?? end
      this.unpositionedEnds.set(where, Math.max(end, offset + 1))
      this.sentSteps.set(recordKey(append.topic, append.partition, offset), append.retried ?? append.step)
    }
    this.redeliveries.observe(entry, step, this.replay)
    let processing: KeyedProcessing | undefined
    if ("group" in response && this.judged.has(response.group) && "member" in response) {
      const { group, member } = response
      switch (response._tag) {
        case "Joined":
        case "Crashed":
        case "ProcessCrashed":
        case "Left":
          this.newEpoch(group, member, step, false)
          break
        case "RebalanceInProgress":
        case "Seeked":
          this.newEpoch(group, member, step, true)
          break
        case "HeartbeatOk": {
          const client = this.replay.client(group, member)
          if (client.generation !== response.generation || !sameAssignment(client.assignment, response.assignment)) {
            this.newEpoch(group, member, step, true)
          }
          break
        }
        case "Polled": {
          const current = this.member(group, member, step)
          for (const record of response.records) {
            const key = recordKey(record.topic, record.partition, record.offset)
            let queue = current.deliveries.get(key)
            if (queue === undefined) current.deliveries.set(key, (queue = []))
            queue.push({ epoch: current.epoch, start: current.start, groupEpoch: this.replay.group(group).epoch })
          }
          break
        }
        case "ProcessDeadLettered": {
          const deliveries = this.member(group, member, step).deliveries
          const key = recordKey(response.topic, response.partition, response.offset)
          const queue = deliveries.get(key)
          queue?.shift()
          if (queue !== undefined && queue.length === 0) deliveries.delete(key)
          break
        }
        case "Processed": {
          const current = this.member(group, member, step)
          const key = recordKey(response.topic, response.partition, response.offset)
          const queue = current.deliveries.get(key)
          const delivery = queue?.shift() ?? { epoch: current.epoch, start: current.start, groupEpoch: this.replay.group(group).epoch }
          if (queue !== undefined && queue.length === 0) current.deliveries.delete(key)
          const keyOfRecord = this.replay.transactions.deliveredKey(response.topic, response.partition, response.offset)
          if (keyOfRecord === undefined) break
          const sentStep = this.sentSteps.get(key)
          if (sentStep === undefined) break
          processing = {
            step,
            group,
            member,
            topic: response.topic,
            partition: response.partition,
            offset: response.offset,
            key: keyOfRecord,
            sentStep,
            epoch: delivery.epoch,
            epochStart: delivery.start,
            groupEpoch: delivery.groupEpoch
          }
          break
        }
        default:
          break
      }
    }
    this.replay.apply(entry, step)
    return processing
  }
}
