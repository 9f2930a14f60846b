/**
 * Facts read off a history for the generated docs: which acknowledged sends a
 * group never processed, and which records it processed more than once.
 *
 * @module
 */
import type { History } from "../../spec/history.ts"

const key = (topic: string, partition: number, offset: number) => `${topic}/${partition}@${offset}`

/** Records sent to the group's topics and never processed by the group. */
export const lostRecordsOf = (history: History, group: string, topics: ReadonlyArray<string>): ReadonlyArray<string> => {
  const sent: Array<string> = []
  const processed = new Set<string>()
  for (const { response } of history) {
    if (response._tag === "Sent" && topics.includes(response.topic)) sent.push(key(response.topic, response.partition, response.offset))
    if (response._tag === "Processed" && response.group === group) processed.add(key(response.topic, response.partition, response.offset))
  }
  return sent.filter((record) => !processed.has(record))
}

/** Records the group processed more than once. */
export const duplicatedRecordsOf = (history: History, group: string): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const duplicated = new Set<string>()
  for (const { response } of history) {
    if (response._tag !== "Processed" || response.group !== group) continue
    const record = key(response.topic, response.partition, response.offset)
    if (seen.has(record)) duplicated.add(record)
    seen.add(record)
  }
  return [...duplicated]
}
