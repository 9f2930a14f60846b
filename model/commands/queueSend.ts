/**
 * `QueueSend`: a producer sends a message to a queue. A FIFO queue needs a
 * message group and suppresses a deduplication id it remembers; a full
 * bounded queue overflows by its policy.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { recordDedupId, rememberedDedupId } from "../queue/dedup.ts"
import { firstVisiblePosition, overflowMet } from "../queue/overflow.ts"
import type { QueueMessage } from "../queue/queueState.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueSend`: `UnknownQueue`; `FifoOnly` for a `group` (else a
 * `dedupId`) sent to a queue that is not FIFO; `MessageGroupMissing` for a
 * FIFO send without a group; on a FIFO queue, a remembered `dedupId` answers
 * `Enqueued` with the remembered message's id and `deduplicated: true` and
 * changes nothing. Then, on a bounded queue whose visible messages number
 * `messagesMax` or more: `block` answers `SendBlocked` and `reject`
 * `SendRejected` (nothing changes); `drop-newest` uses up the next message id
 * and stores nothing (its `dedupId` not remembered), answering `Enqueued`
 * with `dropped` equal to that id; `drop-oldest` removes the first visible
 * message and goes on. Else the message is appended, visible, with receive
 * count 0 and the next message id (its `dedupId` remembered at `nowMs`).
 * Answers `Enqueued` (with `dropped`: the removed message's id, after a
 * `drop-oldest`).
 */
export const queueSend = (state: ModelState, command: CommandOf<"QueueSend">): Transition => {
  const queue = command.queue
  const world = state.world
  const queueIndex = world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  const { group, dedupId } = command
  const fifo = world.fifo[queueIndex]
  if (!fifo) {
    if (group !== undefined) return { state, response: { _tag: "FifoOnly", queue, field: "group" } }
    if (dedupId !== undefined) return { state, response: { _tag: "FifoOnly", queue, field: "dedupId" } }
  } else if (group === undefined) return { state, response: { _tag: "MessageGroupMissing", queue } }
  const queues = state.queues
  const queueState = queues.byIndex[queueIndex]
  const nowMs = state.nowMs
  if (dedupId !== undefined) {
    const remembered = rememberedDedupId(queueState.dedup, dedupId, nowMs, world.dedupWindowMs[queueIndex])
    if (remembered !== undefined) return { state, response: { _tag: "Enqueued", queue, messageId: remembered.messageId, deduplicated: true } }
  }
  const messageId = queues.messageIdNext
  let messages: Array<QueueMessage>
  let dropped = -1
  switch (overflowMet(world, queueIndex, queueState, nowMs)) {
    case undefined:
      messages = queueState.messages.slice()
      break
    case "block":
      return { state, response: { _tag: "SendBlocked", queue } }
    case "reject":
      return { state, response: { _tag: "SendRejected", queue } }
    case "drop-newest":
      return {
        state: withQueues(state, { byIndex: queues.byIndex, receipts: queues.receipts, messageIdNext: messageId + 1 }),
        response: { _tag: "Enqueued", queue, messageId, dropped: messageId }
      }
    case "drop-oldest": {
      const position = firstVisiblePosition(queueState, nowMs)
      dropped = queueState.messages[position].messageId
      messages = queueState.messages.slice()
      messages.splice(position, 1)
      break
    }
  }
  messages.push({ messageId, value: command.value, group, dedupId, receiveCount: 0, receipt: -1, inFlightUntilMs: 0, sourceIndex: -1 })
  const byIndex = queues.byIndex.slice()
  byIndex[queueIndex] = {
    messages,
    dedup: dedupId === undefined ? queueState.dedup : recordDedupId(queueState.dedup, dedupId, messageId, nowMs),
    consumers: queueState.consumers
  }
  return {
    state: withQueues(state, { byIndex, receipts: queues.receipts, messageIdNext: messageId + 1 }),
    response: dropped < 0 ? { _tag: "Enqueued", queue, messageId } : { _tag: "Enqueued", queue, messageId, dropped }
  }
}
