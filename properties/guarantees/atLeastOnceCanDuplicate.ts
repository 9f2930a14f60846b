/**
 * AtLeastOnceCanDuplicate: at-least-once processes a record again only after
 * a redelivery that a crash, leave, join, expiry, rebalance or seek back
 * explains.
 *
 * A delivery of a record to a group is *justified* when it is the group's
 * first delivery of it, or when, since the group's previous delivery of it,
 * the group saw a crash, leave, join, session expiry or new generation, or a
 * member of the group sought that partition to the record's offset or below.
 * The k-th `Processed` of a record by the group needs k justified deliveries
 * of it before it.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck } from "./check.ts"
import { alwaysByEntry, type EntryCheck } from "./internal/entryWalk.ts"
import { isGroupOfMode } from "./internal/groupsByMode.ts"
import { ordinal, recordKey, showRecord } from "./internal/keys.ts"
import { Redeliveries } from "./internal/redeliveries.ts"

/** The first second (third, ...) `Processed` of a record by an at-least-once group without a justified redelivery. */
const entryCheckOf = (_history: History, config: Config): EntryCheck => {
  const redeliveries = new Redeliveries((group) => isGroupOfMode(config, group, "at-least-once"))
  const processedCounts = new Map<string, number>()
  return (entry, step, replay) => {
    const response = entry.response
    redeliveries.observe(entry, step, replay)
    if (response._tag === "Processed" && isGroupOfMode(config, response.group, "at-least-once")) {
      const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
      const processed = (processedCounts.get(key) ?? 0) + 1
      processedCounts.set(key, processed)
      const tally = redeliveries.tally(response.group, response.topic, response.partition, response.offset)
      const justified = tally?.justified ?? 0
      if (processed >= 2 && processed > justified) {
        const deliveries = tally?.deliveries ?? 0
        const record = showRecord(response.topic, response.partition, response.offset)
        const what = `at-least-once group ${response.group} processed ${record} a ${ordinal(processed)} time (member ${response.member})`
        const why =
          tally?.unjustified !== undefined && deliveries >= processed
            ? `its redelivery at step ${tally.unjustified.step + 1} followed no crash, leave, join, expiry, rebalance or seek back in ${response.group} since its delivery at step ${tally.unjustified.previousStep + 1}`
            : `it was delivered to ${response.group} only ${deliveries} time(s), so no new delivery preceded it`
        return { step, message: `${what}, but ${why}` }
      }
    }
    return undefined
  }
}

/** Some record was processed at least twice by an at-least-once group. */
const sometimes = (history: History, config: Config): boolean => {
  const processed = new Set<string>()
  for (const { response } of history) {
    if (response._tag !== "Processed" || !isGroupOfMode(config, response.group, "at-least-once")) continue
    const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
    if (processed.has(key)) return true
    processed.add(key)
  }
  return false
}

/** The checker of AtLeastOnceCanDuplicate. */
export const atLeastOnceCanDuplicate: GuaranteeCheck = {
  id: "AtLeastOnceCanDuplicate",
  always: alwaysByEntry(entryCheckOf),
  sometimes,
  entryCheckOf
}
