/**
 * `QueueSend`: 1. `UnknownQueue`; 2. `FifoOnly` when a queue that is not
 * FIFO gets a `group` or a `dedupId` (`group` named first); 3.
 * `MessageGroupMissing` when a FIFO queue gets no `group`; 4. on a FIFO
 * queue, a `dedupId` the queue remembers at `nowMs`: nothing is enqueued,
 * answer `Enqueued` with the remembered message's id and `deduplicated`;
 * 5. the message is appended (visible, receive count 0, the next message id)
 * and its `dedupId` remembered at `nowMs`; answer `Enqueued`.
 *
 * @module
 */
import { Effect } from "effect"
import { isFifo } from "../../spec/config.ts"
import { BrokerClock } from "../brokerClock.ts"
import { FifoOnly, MessageGroupMissing } from "../errors.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueDedup } from "../queue/queueDedup.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `QueueSend` handler. */
export const makeQueueSend = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const clock = yield* BrokerClock
  const dedup = yield* QueueDedup
  const store = yield* QueueStore
  const handler: Handler<"QueueSend", "Enqueued"> = ({ dedupId, group, value, ...command }) =>
    Effect.gen(function*() {
      const queue = yield* configs.requireQueue(command.queue)
      const name = queue.name
      if (!isFifo(queue)) {
        if (group !== undefined) return yield* new FifoOnly({ queue: name, field: "group" })
        if (dedupId !== undefined) return yield* new FifoOnly({ queue: name, field: "dedupId" })
        return { _tag: "Enqueued", queue: name, messageId: yield* store.enqueue(name, { value }) }
      }
      if (group === undefined) return yield* new MessageGroupMissing({ queue: name })
      if (dedupId === undefined) return { _tag: "Enqueued", queue: name, messageId: yield* store.enqueue(name, { value, group }) }
      const nowMs = yield* clock.nowMs
      const remembered = yield* dedup.lookup(name, dedupId, nowMs)
      if (remembered !== undefined) return { _tag: "Enqueued", queue: name, messageId: remembered, deduplicated: true }
      const messageId = yield* store.enqueue(name, { value, group, dedupId })
      yield* dedup.remember(name, dedupId, messageId, nowMs)
      return { _tag: "Enqueued", queue: name, messageId }
    })
  return handler
})
