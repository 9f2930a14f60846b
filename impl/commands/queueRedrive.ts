/**
 * `QueueRedrive`: 1. `UnknownQueue`; 2. `NotADeadLetterQueue` unless some
 * queue names this one as its `deadLetterQueue`; 3. every message moved
 * there from a source and not in flight leaves it, in queue order, for the end of its source
 * (visible, receive count 0, no receipt, same id, group and dedup id, no
 * deduplication check); messages without a source stay; answer `Redriven`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `QueueRedrive` handler. */
export const queueRedrive: Handler<"QueueRedrive", "Redriven"> = (s, command) => {
  const { queueConfigs: configs, queueStore: store, clock } = s
  const { name } = configs.requireQueue(command.queue)
  configs.requireDeadLetterQueue(name)
  return { _tag: "Redriven", queue: name, messages: store.redrive(name, clock.nowMs()) }
}

