/**
 * Facts read off a history for the generated docs: which acknowledged sends a
 * group never processed, which records it processed more than once, and,
 * for an exactly-once group, how many committed results each input has in
 * the drain's dumps.
 *
 * @module
 */
import type { History } from "../../spec/history.ts"
import { dumpedLogsOf } from "../../properties/guarantees/internal/dumps.ts"

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

/**
 * For an exactly-once group: per input a `read_committed` reader of its
 * topics sees in the drain's dumps (`topic/partition@offset`), how many
 * committed results the output topic holds (results are found by their
 * value, which names their input).
 */
export const committedResultsOf = (history: History, inputTopics: ReadonlyArray<string>, outputTopic: string): ReadonlyMap<string, number> => {
  const logs = dumpedLogsOf(history)
  const results = new Map<string, number>()
  for (const dumped of logs.partitions.values()) {
    if (!inputTopics.includes(dumped.topic)) continue
    for (const entry of logs.dataOf(dumped)) {
      const fate = logs.fate(dumped.topic, dumped.partition, entry.offset)
      if (fate === "plain" || fate === "committed") results.set(key(dumped.topic, dumped.partition, entry.offset), 0)
    }
  }
  for (const dumped of logs.partitions.values()) {
    if (dumped.topic !== outputTopic) continue
    for (const entry of logs.dataOf(dumped)) {
      const fate = logs.fate(dumped.topic, dumped.partition, entry.offset)
      const count = results.get(entry.value)
      if ((fate === "plain" || fate === "committed") && count !== undefined) results.set(entry.value, count + 1)
    }
  }
  return results
}
