/**
 * KeyOrderRegressesOnlyOnRedelivery: a delivery-order group processes an
 * older record of a key after a newer one only when the older one was
 * redelivered.
 *
 * For each group with `processingOrder: "delivery"` (at-most-once or
 * at-least-once) and each key of a topic, whenever the group processes a record that
 * was appended before the newest record of the key it already processed,
 * some member of the group must have been delivered that older record again,
 * justified by a crash, leave, join, session expiry or new generation in the
 * group, or a seek of its partition to its offset or below (the rule of
 * `internal/redeliveries.ts`, shared with AtLeastOnceCanDuplicate). Records
 * without a key are not judged.
 *
 * One more case is explained by the same events and is not a violation: the
 * two records were delivered on either side of a crash, leave, join, expiry
 * or new generation in the group (the group's fault epoch differs between
 * the two deliveries). A member that still holds a record it was delivered
 * before a rebalance may process it after the partition's new owner
 * processed newer records of its key, and nothing was redelivered: the
 * model rebalances at once, so the old owner's buffer and the new owner's
 * reads overlap (Kafka's stale consumer before its next poll). Only a
 * regress within one fault epoch of the group needs the redelivery itself.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { showRecord } from "./internal/keys.ts"
import type { KeyedProcessing } from "./internal/keyedProcessing.ts"
import { KeyedProcessings, keyOrderGroupsOf, keyOrderNotApplicableReason, showKey, topicKeyOf } from "./internal/keyedProcessing.ts"

/** Walks the keyed processings, pairing each one that regresses with the newest record of its key its group processed before. */
const walk = (
  history: History,
  config: Config,
  visit: (processing: KeyedProcessing, newest: KeyedProcessing, processings: KeyedProcessings) => Violation | "witnessed" | undefined
): Violation | "witnessed" | undefined => {
  if (keyOrderGroupsOf(config).length === 0) return undefined
  const processings = new KeyedProcessings(config)
  const newest = new Map<string, KeyedProcessing>()
  for (let step = 0; step < history.length; step++) {
    const processing = processings.observe(history[step], step)
    if (processing === undefined) continue
    const key = `${processing.group}\u0000${topicKeyOf(processing)}`
    const before = newest.get(key)
    if (before === undefined || processing.sentStep > before.sentStep) {
      newest.set(key, processing)
      continue
    }
    if (processing.sentStep === before.sentStep) continue
    const verdict = visit(processing, before, processings)
    if (verdict !== undefined) return verdict
  }
  return undefined
}

const redelivered = (processing: KeyedProcessing, processings: KeyedProcessings): boolean =>
  processings.redeliveries.justifiedRedelivery(processing.group, processing.topic, processing.partition, processing.offset)

/** Whether a crash, leave, join, expiry or new generation in the group came between the two records' deliveries. */
const acrossFaults = (processing: KeyedProcessing, newest: KeyedProcessing): boolean => processing.groupEpoch !== newest.groupEpoch

/** The first older record of a key a delivery-order group processed after a newer one without a justified redelivery of it. */
const always = (history: History, config: Config): Violation | undefined => {
  const verdict = walk(history, config, (processing, newest, processings) => {
    if (redelivered(processing, processings) || acrossFaults(processing, newest)) return undefined
    const { group, partition, topic, offset } = processing
    const record = showRecord(topic, partition, offset)
    const newer = showRecord(newest.topic, newest.partition, newest.offset)
    const tally = processings.redeliveries.tally(group, topic, partition, offset)
    const why = tally?.unjustified !== undefined
      ? `its redelivery at step ${tally.unjustified.step + 1} followed no crash, leave, join, expiry, rebalance or seek back in ${group} since its delivery at step ${
        tally.unjustified.previousStep + 1
      }`
      : `it was never redelivered to ${group}, and both were delivered with no crash, leave, join, expiry or rebalance in ${group} between`
    const message = `${group} processed ${record} (${showKey(processing.key)}, sent at step ${processing.sentStep + 1}; member ${
      processing.member
    }) after ${newer} (sent later, at step ${newest.sentStep + 1}; processed at step ${newest.step + 1}), but ${why}`
    return { step: processing.step, message }
  })
  return verdict === "witnessed" ? undefined : verdict
}

/** Some delivery-order group processed an older record of a key after a newer one, after a justified redelivery of it. */
const sometimes = (history: History, config: Config): boolean =>
  walk(history, config, (processing, _newest, processings) => (redelivered(processing, processings) ? "witnessed" : undefined)) ===
    "witnessed"

/** The checker of KeyOrderRegressesOnlyOnRedelivery. */
export const keyOrderRegressesOnlyOnRedelivery: GuaranteeCheck = {
  id: "KeyOrderRegressesOnlyOnRedelivery",
  always,
  sometimes,
  notApplicableReason: keyOrderNotApplicableReason
}
