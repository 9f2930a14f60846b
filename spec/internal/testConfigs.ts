/**
 * Configs shared by the model's and the broker's tests (data only, so both
 * layers may use them without importing each other): bounded queues and
 * retention.
 *
 * @internal
 * @module
 */
import type { Config } from "../config.ts"
import { boundsDefault } from "../config.ts"

/**
 * A config of bounded queues for the model's overflow tests, beside one topic
 * and group: `block` and `reject` (standard, at most 2 visible messages,
 * visibility 1,000 ms), `oldest` (standard, 2, `drop-oldest`, visibility
 * 1,000 ms, dead-letters to `dlq` after 1 receive), `dlq` (its dead-letter
 * queue, at most 1, `reject`), `newest.fifo` (FIFO, 2, `drop-newest`, window
 * 100 ms), `oldest.fifo` (FIFO, 2, `drop-oldest`) and `open` (unbounded).
 */
export const configBounded: Config = {
  topics: [{ name: "t", partitions: 1 }],
  groups: [{ name: "g", mode: "at-least-once", assignor: "range", topics: ["t"] }],
  queues: [
    { name: "block", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "block" },
    { name: "reject", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 2, overflow: "reject" },
    { name: "oldest", mode: "at-least-once", visibilityTimeoutMs: 1000, receiveCountMax: 1, deadLetterQueue: "dlq", messagesMax: 2, overflow: "drop-oldest" },
    { name: "dlq", mode: "at-least-once", visibilityTimeoutMs: 1000, messagesMax: 1, overflow: "reject" },
    { name: "newest.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, fifo: true, dedupWindowMs: 100, messagesMax: 2, overflow: "drop-newest" },
    { name: "oldest.fifo", mode: "at-least-once", visibilityTimeoutMs: 1000, fifo: true, messagesMax: 2, overflow: "drop-oldest" },
    { name: "open", mode: "at-least-once", visibilityTimeoutMs: 1000 }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}

/**
 * A config with retention for the tests: `timed` (2 partitions, records kept
 * 1,000 ms; key `k3` lands on partition 0, `k0` on 1), `sized` (1 partition,
 * at most 2 records kept) and `kept` (1 partition, no retention); groups
 * over `sized` and `timed` (assignment order: `sized`/0, `timed`/0,
 * `timed`/1 for a lone member): `early` (`earliest`), `late` (`latest`),
 * `strict` (`none`), and `plain` (at-most-once, no setting, so `latest`),
 * which also reads `kept`.
 */
export const configRetention: Config = {
  topics: [
    { name: "timed", partitions: 2, retentionMs: 1000 },
    { name: "sized", partitions: 1, retentionRecordsMax: 2 },
    { name: "kept", partitions: 1 }
  ],
  groups: [
    { name: "early", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "earliest" },
    { name: "late", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "latest" },
    { name: "strict", mode: "at-least-once", assignor: "range", topics: ["sized", "timed"], autoOffsetReset: "none" },
    { name: "plain", mode: "at-most-once", assignor: "range", topics: ["sized", "timed", "kept"] }
  ],
  sessionTimeoutMs: 30_000,
  bounds: boundsDefault
}
