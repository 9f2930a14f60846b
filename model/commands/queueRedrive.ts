/**
 * `QueueRedrive`: an operator redrives a dead-letter queue back to its
 * sources (SQS's `StartMessageMoveTask`).
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { redrive } from "../queue/redrive.ts"
import type { ModelState, Transition } from "../state.ts"
import { withQueues } from "../state.ts"

/**
 * Runs `QueueRedrive`: `UnknownQueue`; `NotADeadLetterQueue` unless some
 * queue names this one as its dead-letter queue; then every message moved
 * there from a source and not in flight goes back to the end of its source
 * (see `redrive`).
 * Answers `Redriven`, listing the moved messages in order.
 */
export const queueRedrive = (state: ModelState, command: CommandOf<"QueueRedrive">): Transition => {
  const queue = command.queue
  const world = state.world
  const queueIndex = world.queueIndex.get(queue)
  if (queueIndex === undefined) return { state, response: { _tag: "UnknownQueue", queue } }
  if (!world.isDeadLetterQueue[queueIndex]) return { state, response: { _tag: "NotADeadLetterQueue", queue } }
  const redriven = redrive(world, state.queues, queueIndex, state.nowMs)
  const response = { _tag: "Redriven" as const, queue, messages: redriven.redriven }
  return { state: redriven.queues === state.queues ? state : withQueues(state, redriven.queues), response }
}
