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
import type { GuaranteeCheck, Violation } from "./check.ts"
import { isGroupOfMode } from "./internal/groupsByMode.ts"
import { ordinal, partitionKey, recordKey, showRecord } from "./internal/keys.ts"
import { Replay } from "./internal/replay.ts"
import { SeekFloor } from "./internal/seekFloor.ts"

/** What one group did with one record so far. */
interface RecordTally {
  deliveries: number
  justified: number
  processed: number
  lastDeliveryStep: number
  lastDeliveryEpoch: number
  /** The last delivery that nothing justified, and the delivery before it. */
  unjustified: { readonly step: number; readonly previousStep: number } | undefined
}

/** The first second (third, ...) `Processed` of a record by an at-least-once group without a justified redelivery. */
const always = (history: History, config: Config): Violation | undefined => {
  const replay = new Replay(config)
  const tallies = new Map<string, RecordTally>()
  const seeks = new Map<string, SeekFloor>()
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "Seeked" && isGroupOfMode(config, response.group, "at-least-once")) {
      const key = `${response.group}\u0000${partitionKey(response.topic, response.partition)}`
      let floor = seeks.get(key)
      if (floor === undefined) seeks.set(key, (floor = new SeekFloor()))
      floor.add(step, response.offset)
    } else if (response._tag === "Polled" && isGroupOfMode(config, response.group, "at-least-once")) {
      const epoch = replay.group(response.group).epoch
      for (const record of response.records) {
        const key = `${response.group}\u0000${recordKey(record.topic, record.partition, record.offset)}`
        const tally = tallies.get(key)
        if (tally === undefined) {
          tallies.set(key, {
            deliveries: 1,
            justified: 1,
            processed: 0,
            lastDeliveryStep: step,
            lastDeliveryEpoch: epoch,
            unjustified: undefined
          })
          continue
        }
        const soughtTo = seeks
          .get(`${response.group}\u0000${partitionKey(record.topic, record.partition)}`)
          ?.lowestAfter(tally.lastDeliveryStep)
        const soughtBack = soughtTo !== undefined && soughtTo <= record.offset
        if (epoch !== tally.lastDeliveryEpoch || soughtBack) tally.justified += 1
        else tally.unjustified = { step, previousStep: tally.lastDeliveryStep }
        tally.deliveries += 1
        tally.lastDeliveryStep = step
        tally.lastDeliveryEpoch = epoch
      }
    } else if (response._tag === "Processed" && isGroupOfMode(config, response.group, "at-least-once")) {
      const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
      let tally = tallies.get(key)
      if (tally === undefined) {
        tally = { deliveries: 0, justified: 0, processed: 0, lastDeliveryStep: -1, lastDeliveryEpoch: -1, unjustified: undefined }
        tallies.set(key, tally)
      }
      tally.processed += 1
      if (tally.processed >= 2 && tally.processed > tally.justified) {
        const record = showRecord(response.topic, response.partition, response.offset)
        const what = `at-least-once group ${response.group} processed ${record} a ${ordinal(tally.processed)} time (member ${response.member})`
        const why =
          tally.unjustified !== undefined && tally.deliveries >= tally.processed
            ? `its redelivery at step ${tally.unjustified.step + 1} followed no crash, leave, join, expiry, rebalance or seek back in ${response.group} since its delivery at step ${tally.unjustified.previousStep + 1}`
            : `it was delivered to ${response.group} only ${tally.deliveries} time(s), so no new delivery preceded it`
        return { step, message: `${what}, but ${why}` }
      }
    }
    replay.apply(entry, step)
  }
  return undefined
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
export const atLeastOnceCanDuplicate: GuaranteeCheck = { id: "AtLeastOnceCanDuplicate", always, sometimes }
