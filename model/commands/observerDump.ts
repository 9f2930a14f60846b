/**
 * `ObserverDump`: the raw entries of one partition (data records and
 * markers), as an operator's log dump shows them. Changes nothing.
 *
 * @module
 */
import type { CommandOf } from "../../spec/command.ts"
import { entriesFrom, highWatermark, lastStableOffset } from "../log.ts"
import { logStartOf } from "../retention/logStart.ts"
import type { ModelState, Transition } from "../state.ts"

/**
 * Runs `ObserverDump`: `UnknownTopic`; `UnknownPartition`; `OffsetOutOfRange`
 * above the high watermark; answers `Dumped` with up to `entriesMax` entries
 * from `offset` or the log start, whichever is later (retention deleted what
 * lies below it), the high watermark, the last stable offset and, when above
 * 0, the log start offset.
 */
export const observerDump = (state: ModelState, command: CommandOf<"ObserverDump">): Transition => {
  const { topic: name, partition, offset } = command
  const topicIndex = state.world.topicIndex.get(name)
  if (topicIndex === undefined) return { state, response: { _tag: "UnknownTopic", topic: name } }
  const topic = state.topics[topicIndex]
  if (partition >= topic.partitions.length) return { state, response: { _tag: "UnknownPartition", topic: name, partition } }
  const log = topic.partitions[partition]
  const highWatermarkNow = highWatermark(log)
  if (offset > highWatermarkNow) {
    return { state, response: { _tag: "OffsetOutOfRange", topic: name, partition, offset, highWatermark: highWatermarkNow } }
  }
  const logStartOffset = logStartOf(topic, partition)
  const entries = entriesFrom(log, offset < logStartOffset ? logStartOffset : offset, command.entriesMax)
  const lastStable = lastStableOffset(topic, partition)
  return {
    state,
    response: logStartOffset === 0
      ? { _tag: "Dumped", topic: name, partition, entries, highWatermark: highWatermarkNow, lastStableOffset: lastStable }
      : { _tag: "Dumped", topic: name, partition, entries, highWatermark: highWatermarkNow, lastStableOffset: lastStable, logStartOffset }
  }
}
