/**
 * The broker's side of idempotent producers (KIP-98): per producer id and
 * partition, the epoch, sequence and offset of the last send it appended
 * (kept in the `Coordinator`), so a retried send is recognised and answered
 * with its original offset instead of being appended again.
 *
 * @module
 */
import type { Coordinator } from "../transaction/coordinator.ts"

/** What the broker remembers of the last send it appended for one producer id and partition. */
export interface LastAppend {
  readonly epoch: number
  readonly sequence: number
  readonly offset: number
}

/** The key of a (producer id, partition) in {@link Coordinator}`.lastAppends`. */
export const lastAppendKey = (producerId: number, topicIndex: number, partition: number): string =>
  `${producerId}/${topicIndex}/${partition}`

/** The coordinator remembering `last` as the last append of `producerId` in a partition. */
export const withLastAppend = (coordinator: Coordinator, producerId: number, topicIndex: number, partition: number, last: LastAppend): Coordinator => {
  const lastAppends = new Map(coordinator.lastAppends)
  lastAppends.set(lastAppendKey(producerId, topicIndex, partition), last)
  return { producerIdNext: coordinator.producerIdNext, transactions: coordinator.transactions, lastAppends }
}

/**
 * The coordinator without the last appends of `producerId`: once the client
 * of an idempotent, non-transactional producer is gone, no retry can carry
 * its producer id again, so forgetting them changes no answer and keeps the
 * map as small as the live producers.
 */
export const withoutLastAppends = (coordinator: Coordinator, producerId: number): Coordinator => {
  const prefix = `${producerId}/`
  let lastAppends: Map<string, LastAppend> | undefined
  for (const key of coordinator.lastAppends.keys()) {
    if (!key.startsWith(prefix)) continue
    if (lastAppends === undefined) lastAppends = new Map(coordinator.lastAppends)
    lastAppends.delete(key)
  }
  return lastAppends === undefined ? coordinator : { producerIdNext: coordinator.producerIdNext, transactions: coordinator.transactions, lastAppends }
}
