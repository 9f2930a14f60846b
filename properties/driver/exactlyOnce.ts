/**
 * The consume-transform-produce protocol of an `exactly-once` member, as
 * rules over the driver's view (see `DeliveryMode` in `spec/config.ts`):
 * poll (`read_committed`), begin, process each partition's records in order
 * (only the next one; never a stale duplicate), send the offsets after the
 * processed records, commit. After a failure the member aborts (or, fenced,
 * initializes again) and seeks back to where the failed transaction began in
 * each partition it processed, so those inputs are processed again.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import { memberProducerName } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { Delivery, Driver, GroupView, MemberView } from "./driver.ts"
import { drainerName, partitionKey } from "./driver.ts"
import type { ProducerView } from "./producer.ts"

/**
 * The records the member may process next: per partition the first buffered
 * delivery of the current client epoch that is not stale, unless the
 * partition still waits for a rewind; in buffer order.
 */
export const exactlyOnceProcessableOf = (member: MemberView): ReadonlyArray<Delivery> => {
  const result: Array<Delivery> = []
  const seen = new Set<string>()
  for (const delivery of member.buffer) {
    if (delivery.stale === true || delivery.epoch !== member.epoch) continue
    const key = `${delivery.topic}/${delivery.partition}`
    if (seen.has(key)) continue
    seen.add(key)
    if (member.rewinds.some((r) => r.topic === delivery.topic && r.partition === delivery.partition)) continue
    result.push(delivery)
  }
  return result
}

/** The offsets the member sends to its transaction: after the last record processed in it, per partition. */
export const exactlyOnceOffsetsOf = (member: MemberView): ReadonlyArray<PartitionOffset> =>
  member.txnProcessed.map(({ next, partition, topic }) => ({ topic, partition, offset: next }))

/** The producer client of an exactly-once member (`<group>/<member>`). */
export const memberProducerOf = (driver: Driver, group: string, member: string): ProducerView | undefined =>
  driver.producers.get(memberProducerName(group, member))

/**
 * The new owner of a partition the zombie's open transaction processed: a
 * current member of the group (running, listed, of the group's latest
 * generation) that owns it and has not read past it yet in this epoch (no
 * position), or works on it (`busy`: a processable record of it, or one
 * processed in its own transaction).
 */
export const newOwnerOf = (group: GroupView, zombie: MemberView): { readonly member: MemberView; readonly busy: boolean } | undefined => {
  const contested = (topic: string, partition: number) =>
    zombie.txnProcessed.some((range) => range.topic === topic && range.partition === partition)
  let waiting: MemberView | undefined
  for (const other of group.members) {
    if (other.name === zombie.name || !other.running || !other.listed || other.generation !== group.generation) continue
    const busy = other.txnProcessed.some((range) => contested(range.topic, range.partition)) ||
      exactlyOnceProcessableOf(other).some((delivery) => contested(delivery.topic, delivery.partition))
    if (busy) return { member: other, busy }
    if (waiting === undefined && other.assignment.some(({ partition, topic }) => contested(topic, partition) && !other.positions.has(partitionKey(topic, partition)))) {
      waiting = other
    }
  }
  return waiting === undefined ? undefined : { member: waiting, busy: false }
}

/** Where the member's protocol stands: what it must do first, or that it is free to go on. */
export type ExactlyOnceStage =
  | { readonly _tag: "Rewind"; readonly to: PartitionOffset }
  | { readonly _tag: "Init" }
  | { readonly _tag: "Abort" }
  | { readonly _tag: "Idle" }
  | { readonly _tag: "InTransaction" }

/** The stage of a running exactly-once member: rewinds first, then a fresh epoch, then aborting a doomed or orphaned transaction. */
export const exactlyOnceStageOf = (driver: Driver, group: GroupView, member: MemberView): ExactlyOnceStage => {
  if (member.rewinds.length > 0) return { _tag: "Rewind", to: member.rewinds[0] }
  const producer = memberProducerOf(driver, group.name, member.name)
  if (producer === undefined || producer.epoch === undefined || producer.fenced) return { _tag: "Init" }
  if (producer.inTransaction && (!member.txnBegun || member.txnDoomed)) return { _tag: "Abort" }
  return producer.inTransaction ? { _tag: "InTransaction" } : { _tag: "Idle" }
}

/**
 * The commands the member's protocol allows now (never empty for a running
 * member): the one it must do first (rewind; init or abort, or a poll before
 * that, which may wait on an open transaction's offsets), else when idle
 * begin or poll, else in a transaction: process each partition's next record,
 * poll, send the offsets when something processed is not covered, commit
 * once they are, or abort; or crash (a fault) once something was processed,
 * or (another fault) let an idle member of the group join mid-transaction,
 * before or after the offsets were sent. A zombie whose offsets were sent
 * holds its commit while the new owner works on a partition it processed,
 * and mostly while the new owner has not read it yet (see
 * {@link newOwnerOf}: the new owner's step is taken instead).
 * Repeated entries weigh the likely next steps, so that transactions often
 * run to their end.
 */
export const exactlyOnceStepsOf = (driver: Driver, group: GroupView, member: MemberView, recordsMax: number): ReadonlyArray<Command> => {
  const address = { group: group.name, member: member.name }
  const producer = memberProducerName(group.name, member.name)
  const stage = exactlyOnceStageOf(driver, group, member)
  switch (stage._tag) {
    case "Rewind":
      return [{ _tag: "ConsumerSeek", ...address, ...stage.to }]
    case "Init":
      return [{ _tag: "ProducerInit", producer }, { _tag: "ProducerInit", producer }, { _tag: "ConsumerPoll", ...address, recordsMax }]
    case "Abort":
      return [{ _tag: "TxnAbort", producer }, { _tag: "TxnAbort", producer }, { _tag: "ConsumerPoll", ...address, recordsMax }]
    case "Idle": {
      const poll: Command = { _tag: "ConsumerPoll", ...address, recordsMax }
      const begin: Command = { _tag: "TxnBegin", producer }
      return exactlyOnceProcessableOf(member).length > 0 ? [begin, begin, begin, poll] : [poll, poll, poll, begin]
    }
    case "InTransaction": {
      const processes: Array<Command> = exactlyOnceProcessableOf(member).map(({ offset, partition, topic }) => ({
        _tag: "ConsumerProcess",
        ...address,
        topic,
        partition,
        offset
      }))
      const poll: Command = { _tag: "ConsumerPoll", ...address, recordsMax }
      const abort: Command = { _tag: "TxnAbort", producer }
      const commit: Command = { _tag: "TxnCommit", producer }
      // The fault of this point of the loop: the member dies mid-transaction,
      // before or after sending its offsets; the coordinator keeps the
      // transaction open until the member's producer initializes again or it
      // times out (a new owner of its partitions waits, KIP-447).
      const crash: Command = { _tag: "ConsumerCrash", ...address }
      // A zombie (expired, or of an older generation than the group's latest,
      // as the answers show) keeps going: it processes what it holds and
      // tries to send its offsets and commit, without polling (which would
      // tell it it is stale).
      if (!member.listed || member.generation < group.generation) {
        if (member.txnProcessed.length > 0 && !member.txnOffsetsSent) {
          const sendOffsets: Command = { _tag: "TxnSendOffsets", producer, ...address, offsets: exactlyOnceOffsetsOf(member) }
          return [...processes, sendOffsets, sendOffsets, abort]
        }
        if (member.txnProcessed.length > 0) {
          // A zombie whose offsets are in its open transaction holds its
          // commit while the new owner of a partition it processed works on
          // that partition (the new owner takes the step instead), and
          // mostly while the new owner has not read it yet; it commits once
          // the new owner is done. On a broker whose new owner waits on the
          // open transaction's offsets (KIP-447) the new owner never gets to
          // work on the partition, so the zombie soon commits.
          const owner = newOwnerOf(group, member)
          if (owner !== undefined) {
            const ownerSteps = exactlyOnceStepsOf(driver, group, owner.member, recordsMax)
            return owner.busy ? ownerSteps : [...ownerSteps, ...ownerSteps, ...ownerSteps, ...ownerSteps, commit]
          }
          return [commit, commit, ...processes, abort]
        }
        return [...processes, poll]
      }
      // Another fault of this point: a rebalance in the middle of the
      // transaction, before or after its offsets were sent (an idle member of
      // the group joins and may take over partitions this transaction
      // processed; this member, which does not poll, becomes a zombie).
      if (member.txnProcessed.length > 0 && !member.txnOffsetsSent) {
        const sendOffsets: Command = { _tag: "TxnSendOffsets", producer, ...address, offsets: exactlyOnceOffsetsOf(member) }
        const idle = group.members.find((other) => !other.running && other.name !== drainerName)
        const rebalance: ReadonlyArray<Command> = idle === undefined ? [] : [{ _tag: "GroupJoin", group: group.name, member: idle.name }]
        return [...processes, ...processes, poll, sendOffsets, sendOffsets, sendOffsets, abort, crash, ...rebalance]
      }
      if (member.txnProcessed.length > 0) {
        // After the offsets were sent every idle member is offered (which of
        // them takes over a processed partition depends on the assignor).
        const rebalances: ReadonlyArray<Command> = group.members
          .filter((other) => !other.running && other.name !== drainerName)
          .map((other) => ({ _tag: "GroupJoin", group: group.name, member: other.name }))
        return [commit, commit, commit, commit, commit, commit, ...processes, poll, abort, crash, ...rebalances]
      }
      return processes.length > 0 ? [...processes, ...processes, poll, commit] : [poll, poll, poll, commit, abort]
    }
  }
}
