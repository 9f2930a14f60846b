/**
 * `ObserverDump`: 1. `UnknownTopic`; 2. `UnknownPartition`; 3.
 * `OffsetOutOfRange` above the high watermark; 4. answer `Dumped`: up to
 * `entriesMax` raw entries (data records and markers) from `offset`, or from
 * the log start when retention deleted past `offset`, the high watermark,
 * the last stable offset, and the log start offset once it is above 0.
 * Changes nothing.
 *
 * @module
 */
import { OffsetOutOfRange, UnknownPartition } from "../errors.ts"
import type { Handler } from "./handler.ts"

/** The `ObserverDump` handler. */
export const observerDump: Handler<"ObserverDump", "Dumped"> = (s, { entriesMax, offset, partition, topic }) => {
  const { config, logStore: logs } = s
  const { partitions } = config.requireTopic(topic)
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw new UnknownPartition({ topic, partition })
  }
  const log = logs.snapshot()
  const highWatermark = log.highWatermark(topic, partition)
  if (offset > highWatermark) throw new OffsetOutOfRange({ topic, partition, offset, highWatermark })
  const logStartOffset = log.logStartOffset(topic, partition)
  return {
    _tag: "Dumped",
    topic,
    partition,
    entries: log.dump(topic, partition, offset, entriesMax),
    highWatermark,
    lastStableOffset: log.lastStableOffset(topic, partition),
    ...(logStartOffset === 0 ? {} : { logStartOffset })
  }
}

