/**
 * `ObserverQueue`: 1. `UnknownQueue`; 2. answer `QueueListed`: the queue's
 * messages in queue order, visible or in flight, and the dedup ids a FIFO
 * queue remembers at `nowMs` (by `atMs`, then id; none for a standard
 * queue). Changes nothing.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueDedup } from "../queue/queueDedup.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `ObserverQueue` handler. */
export const makeObserverQueue = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const clock = yield* BrokerClock
  const store = yield* QueueStore
  const dedup = yield* QueueDedup
  const handler: Handler<"ObserverQueue", "QueueListed"> = (command) => {
    const { name } = configs.requireQueue(command.queue)
    const nowMs = clock.nowMs()
    const messages = store.list(name, nowMs)
    const remembered = dedup.list(name, nowMs)
    return { _tag: "QueueListed", queue: name, messages, remembered }
  }
  return handler
})
