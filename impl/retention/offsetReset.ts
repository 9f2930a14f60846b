/**
 * `auto.offset.reset` (spec/config.ts `AutoOffsetReset`): where a poll goes
 * on in a partition whose start retention deleted.
 *
 * @module
 */
import type { AutoOffsetReset } from "../../spec/config.ts"

/**
 * The offset a start below the partition's log start resets to: the log
 * start (`earliest`) or the high watermark (`latest`); `undefined` for
 * `none`, whose poll is refused with `OffsetOutOfRange`.
 */
export const offsetAfterReset = (policy: AutoOffsetReset, logStartOffset: number, highWatermark: number): number | undefined => {
  switch (policy) {
    case "earliest":
      return logStartOffset
    case "latest":
      return highWatermark
    case "none":
      return undefined
  }
}
