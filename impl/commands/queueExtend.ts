/**
 * `QueueExtend`: 1. `UnknownQueue`; 2. `UnknownReceipt`; 3. `NotInFlight`
 * as in `QueueRelease`; 4. the message stays in flight until `nowMs + ms`;
 * answer `Extended`.
 *
 * @module
 */
import type { Handler } from "./handler.ts"

/** The `QueueExtend` handler. */
export const queueExtend: Handler<"QueueExtend", "Extended"> = (s, { consumer, ms, receipt, ...command }) => {
  const { clock, queueConfigs: configs, queueStore: store } = s
  const { name } = configs.requireQueue(command.queue)
  const nowMs = clock.nowMs()
  const inFlightUntilMs = nowMs + ms
  const messageId = store.extend(name, receipt, nowMs, inFlightUntilMs)
  return { _tag: "Extended", queue: name, consumer, receipt, messageId, inFlightUntilMs }
}

