/**
 * The losses the failure and retention claims document, per group: the
 * records a group may leave unprocessed after the final drain without
 * breaking a no-loss claim, because another claim says how, and checks it.
 *
 * - Retention (RetentionLossesAreDocumented): a record a reset of the
 *   group's polls skipped (`from <= offset < to` of a `Polled` reset), or a
 *   record below a log start a poll of the group was refused at
 *   (`OffsetOutOfRange` with `logStartOffset`, for `autoOffsetReset: none`:
 *   the application then seeks to the log start), or a record below the log
 *   start where a poll of the group started a partition the group never
 *   committed and the member held no position in (retention deleted it
 *   before the group first read the partition: `ConsumerPoll` starts there
 *   at the log start whatever the setting, and reports no reset).
 * - Poison without a policy (PoisonBlocksWithoutAPolicy): in a group whose
 *   failure policy is `none`, a poison record and every record behind it in
 *   its partition.
 *
 * Shared by NoLossUnderAtLeastOnce, AtMostOnceCanLose and the failure and
 * retention checkers, so the exemptions have one home.
 *
 * @module
 */
import { type Config, type GroupConfig, type History, isPoison } from "../../../spec/index.ts"
import { partitionKey } from "./keys.ts"
import { hasRetention } from "./logStarts.ts"
import { Replay } from "./replay.ts"
import { type AcknowledgedSend, acknowledgedRecordsOf } from "./sends.ts"
import { memoByHistoryAndConfig } from "./historyMemo.ts"

/** A reset a poll of a group reported: the records from `from` up to `to` were skipped. */
export interface ResetSkip {
  readonly kind: "reset"
  readonly step: number
  readonly from: number
  readonly to: number
}

/** A poll of a group refused (`OffsetOutOfRange`) below the log start `logStart`: every record below it was deleted. */
export interface RefusedSkip {
  readonly kind: "refused"
  readonly step: number
  readonly logStart: number
}

/** A poll of a group started a partition it had never committed, and the member held no position in, at its log start `logStart`: every record below it was deleted before the group first read it. */
export interface UnreadSkip {
  readonly kind: "unread"
  readonly step: number
  readonly logStart: number
}

/** A record of a policy-`none` group that a poison record blocks: `poison` itself or a record behind it in its partition. */
export interface PoisonBlock {
  readonly kind: "poison"
  readonly poison: AcknowledgedSend
}

/** Why a group's not processing a record is a documented loss. */
export type DocumentedLoss = RetentionSkip | PoisonBlock

/** A loss by retention: a reset, a refused poll, or a first read at the log start. */
export type RetentionSkip = ResetSkip | RefusedSkip | UnreadSkip

/** The documented losses of one history; see the module comment. */
export class DocumentedLosses {
  /** Per group and partition key, the resets and refusals of the group's polls, in step order. */
  private readonly retention = new Map<string, Array<RetentionSkip>>()
  /** Per group (policy `none`) and partition key, the acknowledged poison record with the lowest offset. */
  private readonly poison = new Map<string, AcknowledgedSend>()

  constructor(history: History, config: Config, acknowledged: ReadonlyArray<AcknowledgedSend>) {
    const replay = config.topics.some(hasRetention) ? new Replay(config) : undefined
    history.forEach((entry, step) => {
      const { command, response } = entry
      if (response._tag === "Polled") {
        if (replay !== undefined) this.addUnread(replay, response.group, response.member, step)
        for (const reset of response.resets ?? []) {
          this.add(response.group, reset.topic, reset.partition, { kind: "reset", step, from: reset.from, to: reset.to })
        }
      } else if (response._tag === "OffsetOutOfRange" && command._tag === "ConsumerPoll" && response.logStartOffset !== undefined) {
        this.add(command.group, response.topic, response.partition, { kind: "refused", step, logStart: response.logStartOffset })
      }
      replay?.apply(entry, step)
    })
    const blocked = config.groups.filter((group) => group.failure?.policy === "none")
    if (blocked.length === 0) return
    for (const record of acknowledged) {
      if (!isPoison(record.value)) continue
      for (const group of blocked) {
        if (!group.topics.includes(record.topic)) continue
        const key = `${group.name}\u0000${partitionKey(record.topic, record.partition)}`
        const lowest = this.poison.get(key)
        if (lowest === undefined || record.offset < lowest.offset) this.poison.set(key, record)
      }
    }
  }

  /** A poll's first reads at a log start above 0: assigned partitions without a position, in a group without a committed offset there (read in the replay before the poll). */
  private addUnread(replay: Replay, group: string, member: string, step: number): void {
    const view = replay.group(group)
    const client = view.client(member)
    for (const { topic, partition } of client.assignment) {
      const key = partitionKey(topic, partition)
      if (client.positions.has(key) || view.committed.has(key) || replay.waitsForOffsets(group, topic, partition)) continue
      const logStart = replay.logStart(topic, partition)
      if (logStart > 0) this.add(group, topic, partition, { kind: "unread", step, logStart })
    }
  }

  private add(group: string, topic: string, partition: number, skip: RetentionSkip): void {
    const key = `${group}\u0000${partitionKey(topic, partition)}`
    let skips = this.retention.get(key)
    if (skips === undefined) this.retention.set(key, (skips = []))
    skips.push(skip)
  }

  /** The first reset, refusal or first read at the log start of the group's polls that skipped this record, if one did. */
  retentionLossOf(group: string, topic: string, partition: number, offset: number): RetentionSkip | undefined {
    return this.retention.get(`${group}\u0000${partitionKey(topic, partition)}`)?.find((skip) =>
      skip.kind === "reset" ? skip.from <= offset && offset < skip.to : offset < skip.logStart
    )
  }

  /** The poison record that blocks this record in a group whose policy is `none` (itself, or the lowest poison record before it), if one does. */
  poisonBlockOf(group: GroupConfig, topic: string, partition: number, offset: number): PoisonBlock | undefined {
    if (group.failure?.policy !== "none") return undefined
    const poison = this.poison.get(`${group.name}\u0000${partitionKey(topic, partition)}`)
    return poison !== undefined && poison.offset <= offset ? { kind: "poison", poison } : undefined
  }

  /** Why the group's not processing this record is documented (retention first), or `undefined` when it is not. */
  lossOf(group: GroupConfig, topic: string, partition: number, offset: number): DocumentedLoss | undefined {
    return this.retentionLossOf(group.name, topic, partition, offset) ?? this.poisonBlockOf(group, topic, partition, offset)
  }
}

/** The documented losses of a history (computed once per history, config and length), over its acknowledged records. */
export const documentedLossesOf: (history: History, config: Config) => DocumentedLosses = memoByHistoryAndConfig((history, config) =>
  new DocumentedLosses(history, config, acknowledgedRecordsOf(history, config))
)
