/**
 * The committed results of an exactly-once group in its output topic, as the
 * drain's dumps show them (shared by ExactlyOnceWithinTheBroker and
 * ExactlyOnceStopsAtExternalEffects).
 *
 * @module
 */
import type { Config, GroupConfig } from "../../../spec/index.ts"
import type { DumpedLogs } from "./dumps.ts"
import { showRecord } from "./keys.ts"

/** The value of an exactly-once result: `<topic>/<partition>@<offset>` of its input. */
export const resultValue = (topic: string, partition: number, offset: number): string => `${topic}/${partition}@${offset}`

/** The committed results of the group's members in its output topic, per value, each with where it sits. */
export const committedResultsOf = (logs: DumpedLogs, config: Config, group: GroupConfig): ReadonlyMap<string, Array<string>> => {
  const results = new Map<string, Array<string>>()
  const output = config.topics.find((topic) => topic.name === group.outputTopic)
  for (let partition = 0; partition < (output?.partitions ?? 0); partition++) {
    const dumped = logs.partition(output!.name, partition)
    if (dumped === undefined) continue
    for (const entry of logs.dataOf(dumped)) {
      if (!entry.producer.startsWith(`${group.name}/`) || logs.fate(dumped.topic, partition, entry.offset) !== "committed") continue
      let where = results.get(entry.value)
      if (where === undefined) results.set(entry.value, (where = []))
      where.push(showRecord(dumped.topic, partition, entry.offset))
    }
  }
  return results
}
