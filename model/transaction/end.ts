/**
 * Ending a transaction at the coordinator: a commit or abort marker in every
 * partition it touched (sorted by topic name, then partition), its sent
 * offsets stored (commit) or discarded (abort), and the transactional id's
 * epoch set.
 *
 * @module
 */
import type { PartitionOffset } from "../../spec/record.ts"
import { compareNames } from "../assignor.ts"
import { appendEntry, highWatermark, indexClose, indexesOf } from "../log.ts"
import { commitAll } from "../offsets.ts"
import { logStartsAfterAppend } from "../retention/sizeRetention.ts"
import type { GroupState, ModelState } from "../state.ts"
import { withTransaction } from "./coordinator.ts"

/** What ending a transaction did: the next state and the markers it wrote (in writing order). */
export interface TransactionEnded {
  readonly state: ModelState
  readonly markers: ReadonlyArray<PartitionOffset>
}

/**
 * Ends the open transaction of `transactionalId`, if any, with `control`
 * markers written with `markerEpoch` (at `nowMs`); on commit its offsets
 * become the groups' committed offsets, group by group in the order first
 * sent. The transactional id keeps its producer id, has no open transaction
 * and gets epoch `epochAfter`.
 *
 * Spec reading: the markers of an abort the coordinator makes on its own (a
 * `ProducerInit` of a newer instance, a timeout) carry the new, bumped epoch,
 * as Kafka's coordinator writes them with the fencing epoch; the markers of a
 * producer's own `TxnCommit` or `TxnAbort` carry its current epoch.
 */
export const endTransaction = (
  state: ModelState,
  transactionalId: string,
  control: "commit" | "abort",
  markerEpoch: number,
  epochAfter: number
): TransactionEnded => {
  const transaction = state.coordinator.transactions.get(transactionalId)!
  const open = transaction.open
  const coordinator = withTransaction(state.coordinator, transactionalId, {
    producerId: transaction.producerId,
    epoch: epochAfter,
    open: undefined
  })
  if (open === undefined) return { state: { ...state, coordinator }, markers: [] }
  const config = state.world.config
  const touched = open.partitions
    .slice()
    .sort((a, b) => compareNames(config.topics[a.topicIndex].name, config.topics[b.topicIndex].name) || a.partition - b.partition)
  const topics = state.topics.slice()
  const markers: Array<PartitionOffset> = []
  const producerId = transaction.producerId
  for (const tp of touched) {
    const topic = topics[tp.topicIndex]
    const log = topic.partitions[tp.partition]
    const offset = highWatermark(log)
    const partitions = topic.partitions.slice()
    partitions[tp.partition] = appendEntry(log, {
      _tag: "Marker",
      entry: { _tag: "Marker", offset, transactionalId, producerId, epoch: markerEpoch, control, timestampMs: state.nowMs }
    })
    const indexes = indexesOf(topic).slice()
    indexes[tp.partition] = indexClose(indexes[tp.partition], producerId, offset, control === "abort")
    const logStarts = logStartsAfterAppend(config.topics[tp.topicIndex], topic.logStarts, tp.partition, offset + 1)
    topics[tp.topicIndex] = { partitions, counters: topic.counters, indexes, logStarts }
    markers.push({ topic: config.topics[tp.topicIndex].name, partition: tp.partition, offset })
  }
  let groups = state.groups
  if (control === "commit" && open.offsets.length > 0) {
    const next = groups.slice()
    for (const sent of open.offsets) {
      const group = next[sent.groupIndex]
      const committed: GroupState = {
        membership: group.membership,
        committed: commitAll(group.committed, sent.entries),
        clients: group.clients,
        sink: group.sink
      }
      next[sent.groupIndex] = committed
    }
    groups = next
  }
  return { state: { ...state, topics, groups, coordinator }, markers }
}
