/**
 * `QueueSend`: 1. `UnknownQueue`; 2. `FifoOnly` when a queue that is not
 * FIFO gets a `group` or a `dedupId` (`group` named first); 3.
 * `MessageGroupMissing` when a FIFO queue gets no `group`; 4. on a FIFO
 * queue, a `dedupId` the queue remembers at `nowMs`: nothing is enqueued,
 * answer `Enqueued` with the remembered message's id and `deduplicated`;
 * 5. a full bounded queue overflows: `SendBlocked` or `SendRejected`
 * (nothing stored), or `Enqueued` with `dropped` (the oldest visible message
 * discarded, or the new one: its `dedupId` is then not remembered); 6. the
 * message is appended (visible, receive count 0, the next message id) and
 * its `dedupId` remembered at `nowMs`; answer `Enqueued`.
 *
 * @module
 */
import { isFifo } from "../../spec/config.ts"
import type { ResponseOf } from "../../spec/response.ts"
import { FifoOnly, MessageGroupMissing } from "../errors.ts"
import type { MessageSent } from "../queue/message.ts"
import { type Sent } from "../queue/queueStore.ts"
import type { Handler } from "./handler.ts"

/** The answer to a send that was not deduplicated. */
const answerOf = (queue: string, sent: Sent): ResponseOf<"Enqueued" | "SendBlocked" | "SendRejected"> => {
  switch (sent._tag) {
    case "Stored":
      return sent.dropped === undefined
        ? { _tag: "Enqueued", queue, messageId: sent.messageId }
        : { _tag: "Enqueued", queue, messageId: sent.messageId, dropped: sent.dropped }
    case "Dropped":
      return { _tag: "Enqueued", queue, messageId: sent.messageId, dropped: sent.messageId }
    case "Refused":
      return sent.overflow === "block" ? { _tag: "SendBlocked", queue } : { _tag: "SendRejected", queue }
  }
}

/** The `QueueSend` handler. */
export const queueSend: Handler<"QueueSend", "Enqueued" | "SendBlocked" | "SendRejected"> = (s, { dedupId, group, value, ...command }) => {
  const { clock, queueConfigs: configs, queueDedup: dedup, queueStore: store } = s
  const queue = configs.requireQueue(command.queue)
  const name = queue.name
  let sent: MessageSent
  if (!isFifo(queue)) {
    if (group !== undefined) throw new FifoOnly({ queue: name, field: "group" })
    if (dedupId !== undefined) throw new FifoOnly({ queue: name, field: "dedupId" })
    sent = { value }
  } else if (group === undefined) {
    throw new MessageGroupMissing({ queue: name })
  } else {
    sent = dedupId === undefined ? { value, group } : { value, group, dedupId }
  }
  const nowMs = clock.nowMs()
  if (dedupId !== undefined) {
    const remembered = dedup.lookup(name, dedupId, nowMs)
    if (remembered !== undefined) return { _tag: "Enqueued", queue: name, messageId: remembered, deduplicated: true }
  }
  const outcome = store.send(queue, sent, nowMs)
  if (dedupId !== undefined && outcome._tag === "Stored") dedup.remember(name, dedupId, outcome.messageId, nowMs)
  return answerOf(name, outcome)
}

