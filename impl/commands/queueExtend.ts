/**
 * `QueueExtend`: 1. `UnknownQueue`; 2. `UnknownReceipt`; 3. `NotInFlight`
 * as in `QueueRelease`; 4. the message stays in flight until `nowMs + ms`;
 * answer `Extended`.
 *
 * @module
 */
import { Effect } from "effect"
import { BrokerClock } from "../brokerClock.ts"
import { QueueConfigs } from "../queue/queueConfigs.ts"
import { QueueStore } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The `QueueExtend` handler. */
export const makeQueueExtend = Effect.gen(function*() {
  const configs = yield* QueueConfigs
  const clock = yield* BrokerClock
  const store = yield* QueueStore
  const handler: Handler<"QueueExtend", "Extended"> = ({ consumer, ms, receipt, ...command }) => {
    const { name } = configs.requireQueue(command.queue)
    const nowMs = clock.nowMs()
    const inFlightUntilMs = nowMs + ms
    const messageId = store.extend(name, receipt, nowMs, inFlightUntilMs)
    return { _tag: "Extended", queue: name, consumer, receipt, messageId, inFlightUntilMs }
  }
  return handler
})
