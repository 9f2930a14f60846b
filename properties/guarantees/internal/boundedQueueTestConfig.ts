/**
 * The config of the hand-written histories of bounded queues: the topics and
 * groups of `configTest` beside five at-least-once queues (visibility
 * 1000 ms), four of them bounded at 2 visible messages. `free` has no bound;
 * `blocking` blocks, `rejecting` rejects, `oldest` drops its oldest visible
 * message; `newest.fifo` (FIFO, dedup window 5000 ms) drops the new one.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"
import { configTest } from "./configTest.ts"

/** See the module comment. */
export const boundedQueueTestConfig: Config = {
  ...configTest,
  queues: [
    { name: "free", mode: "at-least-once", visibilityTimeoutMs: 1000 },
    { name: "blocking", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "block" },
    { name: "rejecting", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "reject" },
    { name: "oldest", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "drop-oldest" },
    { name: "newest.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "drop-newest", fifo: true, dedupWindowMs: 5000 }
  ]
}
