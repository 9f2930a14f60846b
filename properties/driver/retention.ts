/**
 * The application's view of retention (`TopicConfig.retentionMs` and
 * `retentionRecordsMax`): for each partition of a retained topic, the
 * records it saw appended that retention has not deleted yet, with their
 * append times, so the clock can be aimed at the moment the oldest one
 * goes. Learned from the answers: appends (`Sent`, redrives), each
 * `ClockAdvanced`'s `logStarts`, and the size bound after each append.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import { partitionKey } from "./driver.ts"

/** A record the view saw appended to a retained partition: its offset and the clock when it was appended. */
export interface RetainedAppend {
  readonly offset: number
  readonly timestampMs: number
}

/** The retained topics' partitions, by partition key. */
export interface RetentionView {
  /** `retentionMs` per retained topic name (absent: no time-based retention). */
  readonly retentionMs: ReadonlyMap<string, number>
  /** `retentionRecordsMax` per retained topic name (absent: no size bound). */
  readonly recordsMax: ReadonlyMap<string, number>
  /** The appends not deleted yet, oldest first, per partition key (only partitions of retained topics). */
  readonly appends: ReadonlyMap<string, ReadonlyArray<RetainedAppend>>
}

/** The view for a config: `undefined` when no topic has retention. */
export const retentionInit = (config: Config): RetentionView | undefined => {
  const retentionMs = new Map<string, number>()
  const recordsMax = new Map<string, number>()
  for (const topic of config.topics) {
    if (topic.retentionMs !== undefined) retentionMs.set(topic.name, topic.retentionMs)
    if (topic.retentionRecordsMax !== undefined) recordsMax.set(topic.name, topic.retentionRecordsMax)
  }
  return retentionMs.size === 0 && recordsMax.size === 0 ? undefined : { retentionMs, recordsMax, appends: new Map() }
}

const isRetained = (view: RetentionView, topic: string): boolean => view.retentionMs.has(topic) || view.recordsMax.has(topic)

/** The view after records were appended at `places` at `nowMs` (places of topics without retention are ignored), each partition cut to its size bound. */
export const retentionAppended = (view: RetentionView, places: ReadonlyArray<PartitionOffset>, nowMs: number): RetentionView => {
  let appends: Map<string, ReadonlyArray<RetainedAppend>> | undefined
  for (const place of places) {
    if (!isRetained(view, place.topic)) continue
    appends ??= new Map(view.appends)
    const key = partitionKey(place.topic, place.partition)
    const kept = [...(appends.get(key) ?? []), { offset: place.offset, timestampMs: nowMs }]
    const recordsMax = view.recordsMax.get(place.topic)
    const lowest = recordsMax === undefined ? 0 : place.offset + 1 - recordsMax
    appends.set(key, kept.filter((append) => append.offset >= lowest))
  }
  return appends === undefined ? view : { ...view, appends }
}

/** The view after an answer that may move log starts (`ClockAdvanced.logStarts`): the appends below each new log start are gone. */
export const retentionObserve = (view: RetentionView, response: Response): RetentionView => {
  if (response._tag !== "ClockAdvanced" || response.logStarts === undefined) return view
  const appends = new Map(view.appends)
  for (const moved of response.logStarts) {
    const key = partitionKey(moved.topic, moved.partition)
    const kept = appends.get(key)
    if (kept !== undefined) appends.set(key, kept.filter((append) => append.offset >= moved.logStartOffset))
  }
  return { ...view, appends }
}

/**
 * The moments ahead of `nowMs` when time-based retention deletes the oldest
 * record the view holds in each retained partition (`timestampMs +
 * retentionMs`), earliest first.
 */
export const retentionBoundariesOf = (view: RetentionView, nowMs: number): ReadonlyArray<number> => {
  const boundaries: Array<number> = []
  for (const [key, appends] of view.appends) {
    const oldest = appends[0]
    if (oldest === undefined) continue
    const retentionMs = view.retentionMs.get(key.slice(0, key.lastIndexOf("/")))
    if (retentionMs === undefined) continue
    const boundary = oldest.timestampMs + retentionMs
    if (boundary >= nowMs) boundaries.push(boundary)
  }
  return boundaries.sort((x, y) => x - y)
}
