/**
 * `mutant:fifo-group-parallel`: a FIFO receive skips a group's in-flight
 * messages and hands out the group's oldest visible one (a broker that
 * locks message groups per receive call instead of while a message is in
 * flight): a second message of a group goes out while the first is still
 * being processed, so the group is processed in parallel and out of order.
 * Breaks `FifoGroupOrderPreserved`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { isInFlight } from "../queue/message.ts"
import { FifoGroups } from "../queue/fifoGroups.ts"
import type { Target } from "../target.ts"

/** FIFO receives that hand out each group's oldest visible message, in flight ones of the group notwithstanding. */
export const fifoGroupsParallelLayer = Layer.succeed(FifoGroups, {
  receivable: (messages, nowMs, messagesMax) => {
    const picked: Array<number> = []
    const groupsPicked = new Set<string | undefined>()
    for (let i = 0; i < messages.length && picked.length < messagesMax; i++) {
      const message = messages[i]
      if (isInFlight(message, nowMs) || groupsPicked.has(message.group)) continue
      groupsPicked.add(message.group)
      picked.push(i)
    }
    return picked
  }
})

/** The built-in broker with {@link fifoGroupsParallelLayer}. */
export const fifoGroupParallel: Target = makeBrokerTarget("mutant:fifo-group-parallel", { fifoGroups: fifoGroupsParallelLayer })
