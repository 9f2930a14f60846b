/**
 * The queues of a config as the queue guarantees see them: which queues a
 * guarantee judges, and how messages show queues, messages and receives.
 *
 * @module
 */
import type { Config, QueueConfig, QueueMode, QueueOverflow } from "../../../spec/index.ts"
import { isBounded, isFifo } from "../../../spec/index.ts"
import type { QueueReceive } from "./queueReplay.ts"

/** The config's queues (none when it leaves them out). */
export const queuesOf = (config: Config): ReadonlyArray<QueueConfig> => config.queues ?? []

/** Whether some queue of the config names this one as its dead-letter queue. */
export const isDeadLetterQueueOf = (config: Config, name: string): boolean => queuesOf(config).some((queue) => queue.deadLetterQueue === name)

/** The queues of this mode that are no queue's dead-letter queue. */
export const sourceQueuesOfMode = (config: Config, mode: QueueMode): ReadonlyArray<QueueConfig> =>
  queuesOf(config).filter((queue) => queue.mode === mode && !isDeadLetterQueueOf(config, queue.name))

/** The queues with a redrive policy (`receiveCountMax` and `deadLetterQueue`). */
export const redrivenQueuesOf = (config: Config): ReadonlyArray<QueueConfig> =>
  queuesOf(config).filter((queue) => queue.receiveCountMax !== undefined && queue.deadLetterQueue !== undefined)

/** The FIFO queues. */
export const fifoQueuesOf = (config: Config): ReadonlyArray<QueueConfig> => queuesOf(config).filter(isFifo)

/** The bounded queues whose overflow policy is one of `overflows`. */
export const overflowQueuesOf = (config: Config, overflows: ReadonlyArray<QueueOverflow>): ReadonlyArray<QueueConfig> =>
  queuesOf(config).filter((queue) => isBounded(queue) && overflows.includes(queue.overflow!))

/** A bounded queue's bound as messages show it: `messagesMax 3, overflow block` (`no bound` for an unbounded one). */
export const showBound = (queue: QueueConfig): string =>
  isBounded(queue) ? `messagesMax ${queue.messagesMax}, overflow ${queue.overflow}` : "no bound"

/** A receive as messages show it: `receipt 3 (consumer a, at 1000 ms)`. */
export const showReceive = (receive: QueueReceive): string => `receipt ${receive.receipt} (consumer ${receive.consumer}, at ${receive.nowMs} ms)`
