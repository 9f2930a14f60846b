/**
 * `mutant:drop-wrong-end`: a `drop-oldest` queue drops the new message
 * instead. The two ends of a bounded buffer are easy to swap: a ring buffer
 * whose write fails when it is full (tail drop) where head drop was meant,
 * or Akka Streams' `OverflowStrategy.dropNew` picked for `dropHead`. The
 * queue keeps its stale backlog and throws away the fresh message, which is
 * answered `Enqueued` with its own id `dropped`, where the spec drops the
 * first visible message. Breaks `DropOverflowLosesSilently` (the dropped
 * message is the wrong one).
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { overflowConfigured, QueueOverflowPolicy } from "../queue/overflow.ts"
import type { Target } from "../target.ts"

/** The configured overflow rule, with `drop-oldest` read as `drop-newest`. */
export const dropOldestAsNewestLayer = Layer.succeed(QueueOverflowPolicy, {
  overflowOf: (queue, messages, nowMs) =>
    overflowConfigured.overflowOf(queue.overflow === "drop-oldest" ? { ...queue, overflow: "drop-newest" } : queue, messages, nowMs)
})

/** The built-in broker with {@link dropOldestAsNewestLayer}. */
export const dropWrongEnd: Target = makeBrokerTarget("mutant:drop-wrong-end", { queueOverflow: dropOldestAsNewestLayer })
