/**
 * Time-based retention (`TopicConfig.retentionMs`, Kafka's `retention.ms`):
 * at every `ClockAdvance`, each partition of a topic with `retentionMs`
 * deletes from its head every entry with `timestampMs + retentionMs <= nowMs`
 * (entries are appended in clock order, so they form a prefix). Kafka deletes
 * whole segments; qsem deletes entry by entry.
 *
 * @module
 */
import type { LogStart } from "../../spec/response.ts"
import { entryAt, highWatermark, timestampOf } from "../log.ts"
import type { TopicLog } from "../log.ts"
import type { ModelState } from "../state.ts"
import { logStartOf, withLogStart } from "./logStart.ts"

/** What time retention did at one `ClockAdvance`: the topics afterwards and each log start it moved. */
export interface TimeRetained {
  /** The state's topics, the same array when nothing moved. */
  readonly topics: ReadonlyArray<TopicLog>
  /** Each partition whose log start moved, with its new log start, in topic (configuration) then partition order. */
  readonly moved: ReadonlyArray<LogStart>
}

/** Whether an entry appended at `timestampMs` is past a retention of `retentionMs` at `nowMs`. */
export const isExpired = (timestampMs: number, retentionMs: number, nowMs: number): boolean => timestampMs + retentionMs <= nowMs

/**
 * Deletes, at `state.nowMs`, the expired head of every partition of every
 * topic with `retentionMs`, topic by topic in configuration order and each
 * topic's partitions in order.
 */
export const retainByTime = (state: ModelState): TimeRetained => {
  const configs = state.world.config.topics
  const nowMs = state.nowMs
  let topics: Array<TopicLog> | undefined
  const moved: Array<LogStart> = []
  for (let t = 0; t < configs.length; t++) {
    const retentionMs = configs[t].retentionMs
    if (retentionMs === undefined) continue
    let topic = state.topics[t]
    for (let p = 0; p < topic.partitions.length; p++) {
      const log = topic.partitions[p]
      const end = highWatermark(log)
      const start = logStartOf(topic, p)
      let kept = start
      while (kept < end && isExpired(timestampOf(entryAt(log, kept)), retentionMs, nowMs)) kept++
      if (kept === start) continue
      topic = withLogStart(topic, p, kept)
      moved.push({ topic: configs[t].name, partition: p, logStartOffset: kept })
    }
    if (topic !== state.topics[t]) {
      if (topics === undefined) topics = state.topics.slice()
      topics[t] = topic
    }
  }
  return { topics: topics ?? state.topics, moved }
}
