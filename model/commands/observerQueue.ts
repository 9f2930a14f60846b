/**
 * `ObserverQueue`: a queue's messages and remembered dedup ids, as an
 * operator's console lists them. Changes nothing.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { queueOf } from "../query.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ObserverQueue`: `UnknownQueue`; answers `QueueListed`: every message
 * in queue order, visible or in flight, and for a FIFO queue the dedup ids it
 * remembers at `nowMs`, by `atMs` then id (see `queueOf`).
 */
export const observerQueue = (state: ModelState, command: CommandOf<"ObserverQueue">): Transition => {
  const queue = command.queue
  const view = queueOf(state, queue)
  if (view === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  return { state, response: { _tag: "QueueListed", queue, messages: view.messages, remembered: view.remembered } }
}
