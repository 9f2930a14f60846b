/**
 * `ObserverQueue`: 1. `UnknownQueue`; 2. answer `QueueListed`: the queue's
 * messages in queue order, visible or in flight, and the dedup ids a FIFO
 * queue remembers at `nowMs` (by `atMs`, then id; none for a standard
 * queue). Changes nothing.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `ObserverQueue` handler. */
export const observerQueue: Handler<"ObserverQueue", "QueueListed"> = (s, command) => {
  const { clock, queueConfigs: configs, queueDedup: dedup, queueStore: store } = s
  const { name } = configs.requireQueue(command.queue)
  const nowMs = clock.nowMs()
  const messages = store.list(name, nowMs)
  const remembered = dedup.list(name, nowMs)
  return { _tag: "QueueListed", queue: name, messages, remembered }
}

