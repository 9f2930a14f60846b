/**
 * Where a poll starts in a partition whose start (the client's position, else
 * the group's committed offset) retention deleted: the group's
 * `autoOffsetReset` (spec/config.ts `AutoOffsetReset`, Kafka's consumer
 * `auto.offset.reset`) decides.
 *
 * @module
 */
import type { AutoOffsetReset } from "../../spec/config.ts"

/**
 * The offset a start below the log start is reset to: the log start for
 * `earliest`, the high watermark for `latest`, and -1 for `none` (the poll
 * answers `OffsetOutOfRange` instead).
 */
export const resetTarget = (policy: AutoOffsetReset, logStartOffset: number, highWatermark: number): number =>
  policy === "earliest" ? logStartOffset : policy === "latest" ? highWatermark : -1
