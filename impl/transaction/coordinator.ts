/**
 * The transaction coordinator (Kafka's, KIP-98): hands out producer ids,
 * keeps per transactional id its producer id, current epoch and at most one
 * open transaction (its start time, the partitions it wrote to, the groups it
 * sent offsets for), fences older epochs, ends transactions by writing
 * markers and settling offsets, and aborts transactions that stay open
 * longer than `transactionTimeoutMs`.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import type { PartitionOffset, TopicPartition, TransactionAbortedByCoordinator } from "../../spec/record.ts"
import { BrokerConfig, type BrokerConfigShape } from "../brokerConfig.ts"
import { ProducerFenced } from "../errors.ts"
import { compareName, holdsPartition, sortTopicPartitions } from "../internal/topicPartition.ts"
import { LogStore, type LogStoreShape } from "../logStore.ts"
import { OffsetStore, type OffsetStoreShape } from "../offsetStore.ts"

/** A transaction open at the coordinator. */
export interface TransactionOpen {
  /** When its first send or offsets reached the coordinator. */
  readonly startMs: number
  /** The partitions its records went to, in the order first written. */
  readonly partitions: ReadonlyArray<TopicPartition>
  /** The groups it sent offsets for, in the order first sent. */
  readonly groups: ReadonlyArray<string>
}

/** What the coordinator keeps for one transactional id. */
export interface TransactionalIdState {
  readonly producerId: number
  readonly epoch: number
  readonly open: TransactionOpen | undefined
}

/** The answer of an initialization: the producer id and new epoch, and the markers of the transaction it aborted, if one was open. */
export interface Initialized {
  readonly producerId: number
  readonly epoch: number
  readonly aborted: ReadonlyArray<PartitionOffset> | undefined
}

/** The transaction coordinator. */
export interface TransactionCoordinatorShape {
  /** A new producer id (one counter, from 0, shared with transactional ids). */
  readonly allocateProducerId: () => number
  /** What the coordinator keeps for the transactional id (undefined before its first init). */
  readonly stateOf: (transactionalId: string) => TransactionalIdState | undefined
  /**
   * Initializes the transactional id: a producer id at its first init, else
   * the next epoch; an open transaction is aborted first (markers with the
   * new epoch, offsets discarded).
   */
  readonly init: (transactionalId: string, nowMs: number) => Initialized
  /** The fence: throws `ProducerFenced` when the transactional id's epoch is newer than `epoch`. */
  readonly checkEpoch: (transactionalId: string, epoch: number, producer: string) => void
  /** Opens the transaction (start `nowMs`) unless open, and adds the partition to it unless there. */
  readonly addPartition: (transactionalId: string, topic: string, partition: number, nowMs: number) => void
  /** Opens the transaction (start `nowMs`) unless open, and holds these offsets for the group until it ends. */
  readonly addOffsets: (transactionalId: string, group: string, offsets: ReadonlyArray<PartitionOffset>, nowMs: number) => void
  /**
   * Ends the open transaction, if any: a marker of `control` in each of its
   * partitions (sorted by topic, then partition) and its offsets settled,
   * group by group in first-sent order. Answers the markers (none when
   * nothing was open).
   */
  readonly end: (transactionalId: string, control: "commit" | "abort", nowMs: number) => ReadonlyArray<PartitionOffset>
  /**
   * Aborts, in transactional-id order, every transaction open since
   * `startMs + transactionTimeoutMs <= nowMs`, after bumping its epoch.
   */
  readonly expire: (nowMs: number) => ReadonlyArray<TransactionAbortedByCoordinator>
}

/** A coordinator that knows no transactional id yet. */
export const transactionCoordinatorOf = (
  config: BrokerConfigShape,
  logs: LogStoreShape,
  offsets: OffsetStoreShape
): TransactionCoordinatorShape => {
  let producerIdNext = 0
  const byId = new Map<string, TransactionalIdState>()

  const allocateProducerId = (): number => producerIdNext++
  const stateOf = (transactionalId: string) => byId.get(transactionalId)
  const setState = (transactionalId: string, state: TransactionalIdState): void => {
    byId.set(transactionalId, state)
  }

  /** Writes the markers and settles the offsets of an open transaction, with this epoch. */
  const finish = (
    transactionalId: string,
    state: TransactionalIdState,
    open: TransactionOpen,
    control: "commit" | "abort",
    nowMs: number
  ): ReadonlyArray<PartitionOffset> => {
    const markers: Array<PartitionOffset> = []
    for (const { partition, topic } of sortTopicPartitions(open.partitions)) {
      const offset = logs.appendMarker(topic, partition, {
        transactionalId,
        producerId: state.producerId,
        epoch: state.epoch,
        control,
        timestampMs: nowMs
      })
      markers.push({ topic, partition, offset })
    }
    for (const group of open.groups) offsets.settle(transactionalId, group, control === "commit")
    setState(transactionalId, { ...state, open: undefined })
    return markers
  }

  /** The state with the transaction open (start `nowMs`) unless it already is. */
  const opened = (state: TransactionalIdState, nowMs: number): TransactionOpen =>
    state.open ?? { startMs: nowMs, partitions: [], groups: [] }

  /** The transactional id's state; an id never initialized is a defect (the broker checks the client first). */
  const requireState = (transactionalId: string): TransactionalIdState => {
    const state = stateOf(transactionalId)
    if (state === undefined) throw new Error(`TransactionCoordinator: ${transactionalId} was never initialized`)
    return state
  }

  return {
    allocateProducerId,
    stateOf,
    init(transactionalId, nowMs) {
      const before = stateOf(transactionalId)
      if (before === undefined) {
        const producerId = allocateProducerId()
        setState(transactionalId, { producerId, epoch: 0, open: undefined })
        return { producerId, epoch: 0, aborted: undefined }
      }
      const state: TransactionalIdState = { ...before, epoch: before.epoch + 1 }
      setState(transactionalId, state)
      const aborted = before.open === undefined ? undefined : finish(transactionalId, state, before.open, "abort", nowMs)
      return { producerId: state.producerId, epoch: state.epoch, aborted }
    },
    checkEpoch(transactionalId, epoch, producer) {
      const state = stateOf(transactionalId)
      if (state !== undefined && state.epoch > epoch) throw new ProducerFenced({ producer })
    },
    addPartition(transactionalId, topic, partition, nowMs) {
      const state = requireState(transactionalId)
      if (state.open !== undefined && holdsPartition(state.open.partitions, topic, partition)) return
      const open = opened(state, nowMs)
      setState(transactionalId, { ...state, open: { ...open, partitions: [...open.partitions, { topic, partition }] } })
    },
    addOffsets(transactionalId, group, sent, nowMs) {
      const state = requireState(transactionalId)
      const open = opened(state, nowMs)
      const groups = open.groups.includes(group) ? open.groups : [...open.groups, group]
      setState(transactionalId, { ...state, open: { ...open, groups } })
      offsets.stage(transactionalId, group, sent)
    },
    end(transactionalId, control, nowMs) {
      const state = requireState(transactionalId)
      return state.open === undefined ? [] : finish(transactionalId, state, state.open, control, nowMs)
    },
    expire(nowMs) {
      const timedOut: Array<readonly [string, TransactionalIdState, TransactionOpen]> = []
      for (const [transactionalId, state] of byId) {
        if (state.open !== undefined && state.open.startMs + config.transactionTimeoutMs <= nowMs) {
          timedOut.push([transactionalId, state, state.open])
        }
      }
      timedOut.sort(([a], [b]) => compareName(a, b))
      const aborted: Array<TransactionAbortedByCoordinator> = []
      for (const [transactionalId, before, open] of timedOut) {
        const state: TransactionalIdState = { ...before, epoch: before.epoch + 1 }
        const markers = finish(transactionalId, state, open, "abort", nowMs)
        aborted.push({ transactionalId, epoch: state.epoch, markers })
      }
      return aborted
    }
  }
}

/** {@link transactionCoordinatorOf} the broker's config, logs and offsets, as an Effect. */
export const makeTransactionCoordinator: Effect.Effect<
  TransactionCoordinatorShape,
  never,
  BrokerConfig | LogStore | OffsetStore
> = Effect.gen(function*() {
  return transactionCoordinatorOf(yield* BrokerConfig, yield* LogStore, yield* OffsetStore)
})

/** The broker's transaction coordinator. */
export class TransactionCoordinator extends Context.Service<TransactionCoordinator, TransactionCoordinatorShape>()(
  "qsem/impl/TransactionCoordinator"
) {
  /** A coordinator with the real epoch fence and timeouts. */
  static readonly layer: Layer.Layer<TransactionCoordinator, never, BrokerConfig | LogStore | OffsetStore> = Layer.effect(
    TransactionCoordinator,
    makeTransactionCoordinator
  )
}
