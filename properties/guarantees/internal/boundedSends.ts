/**
 * A queue send as the bound guarantees judge it: the `QueueSend`, its answer
 * (`Enqueued`, `SendBlocked` or `SendRejected`; an error answer is not a
 * send the bound saw), its queue, and what the replay says the send found:
 * the queue's visible depth and whether a remembered dedup id makes it a
 * duplicate (QueueSend's rule 4 comes before the bound's rule 5).
 *
 * @module
 */
import type { Command, QueueConfig, Response } from "../../../spec/index.ts"
import { isBounded, isFifo } from "../../../spec/index.ts"
import { showBound } from "./queueConfigs.ts"
import type { DedupEnqueue, QueueMoment, QueueReplay } from "./queueReplay.ts"

/** The answers a send can get once it passed QueueSend's error checks. */
export type SendAnswer = Extract<Response, { readonly _tag: "Enqueued" | "SendBlocked" | "SendRejected" }>

/** One send, read before the replay applies it; see the module comment. */
export interface BoundedSend {
  readonly command: Extract<Command, { readonly _tag: "QueueSend" }>
  readonly response: SendAnswer
  readonly queue: QueueConfig
  /** The queue's visible messages when the send came (0 for an unbounded queue: not counted). */
  readonly depth: number
  /** Whether the queue is bounded and its depth is `messagesMax` or more. */
  readonly full: boolean
  /** The enqueue of the send's dedup id the FIFO queue still remembers, if any. */
  readonly duplicate: DedupEnqueue | undefined
  /** The send and its answer, for messages: `queue blocking (messagesMax 3, overflow block) answered a send of "v" at 0 ms with SendBlocked`. */
  readonly here: string
}

/** An answer as the bound messages show it: `Enqueued message 4 dropping message 1`, `SendBlocked`. */
export const showSendAnswer = (response: SendAnswer): string => {
  if (response._tag !== "Enqueued") return response._tag
  const deduplicated = response.deduplicated === true ? " (deduplicated)" : ""
  const dropped = response.dropped === undefined ? "" : ` dropping message ${response.dropped}${response.dropped === response.messageId ? " (itself)" : ""}`
  return `Enqueued message ${response.messageId}${deduplicated}${dropped}`
}

/** `3 visible messages` (`1 visible message`). */
export const showDepth = (depth: number): string => `${depth} visible message${depth === 1 ? "" : "s"}`

/** The moment's send, if it is a `QueueSend` of a configured queue answered by a {@link SendAnswer}, as the replay before the moment sees it. */
export const boundedSendOf = (replay: QueueReplay, moment: QueueMoment): BoundedSend | undefined => {
  const { command, response } = moment.entry
  if (command._tag !== "QueueSend") return undefined
  if (response._tag !== "Enqueued" && response._tag !== "SendBlocked" && response._tag !== "SendRejected") return undefined
  const queue = replay.queue(response.queue)
  if (queue === undefined) return undefined
  const depth = isBounded(queue) ? replay.visibleDepth(queue.name) : 0
  const full = isBounded(queue) && depth >= queue.messagesMax!
  const remembered = command.dedupId === undefined || !isFifo(queue) ? undefined : replay.dedupEnqueue(queue.name, command.dedupId)
  const duplicate = remembered !== undefined && replay.remembers(queue, remembered.atMs, replay.nowMs) ? remembered : undefined
  const here = `queue ${queue.name} (${showBound(queue)}) answered a send of ${JSON.stringify(command.value)} at ${replay.nowMs} ms with ${showSendAnswer(response)}`
  return { command, response, queue, depth, full, duplicate, here }
}
