/**
 * The config of the hand-written queue histories: the topics and groups of
 * `configTest` beside five queues. `jobs` (at-least-once, visibility
 * 1000 ms) dead-letters to `jobs-dlq` after 2 receives; `emails`
 * (at-most-once, visibility 500 ms) has no redrive policy; `orders.fifo`
 * (at-least-once FIFO, visibility 1000 ms, dedup window 5000 ms)
 * dead-letters to `orders-dlq.fifo` after 2 receives.
 *
 * @module
 */
import type { Config } from "../../../spec/index.ts"
import { configTest } from "./configTest.ts"

/** See the module comment. */
export const queueTestConfig: Config = {
  ...configTest,
  queues: [
    { name: "jobs", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "jobs-dlq" },
    { name: "jobs-dlq", mode: "at-least-once", visibilityTimeoutMs: 1000 },
    { name: "emails", mode: "at-most-once", visibilityTimeoutMs: 500 },
    { name: "orders.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 2, deadLetterQueue: "orders-dlq.fifo", fifo: true, dedupWindowMs: 5000 },
    { name: "orders-dlq.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, fifo: true }
  ]
}
