/**
 * KeyOrderProcessed: a member whose application processes in delivery order
 * processes one key's records in send order within one client epoch.
 *
 * For each group with `processingOrder: "delivery"` (at-most-once or
 * at-least-once), each member's client epoch (from a join or a sync to the
 * next, with no seek in between; see `internal/keyedProcessing.ts`) and each
 * key of a topic, the records processed from that epoch's deliveries must have been
 * appended in the order they are processed: each one's `Sent` (or
 * `SendTimedOut`) answer came after that of the record of the key processed
 * before it. Records without a key have no key order and are not judged.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { showRecord } from "./internal/keys.ts"
import type { KeyedProcessing } from "./internal/keyedProcessing.ts"
import { KeyedProcessings, keyOrderGroupsOf, keyOrderNotApplicableReason, showKey, topicKeyOf } from "./internal/keyedProcessing.ts"

/** Walks the keyed processings, pairing each with the previous one of its key in its member's client epoch. */
const walk = (
  history: History,
  config: Config,
  visit: (processing: KeyedProcessing, previous: KeyedProcessing) => Violation | "witnessed" | undefined
): Violation | "witnessed" | undefined => {
  if (keyOrderGroupsOf(config).length === 0) return undefined
  const processings = new KeyedProcessings(config)
  const last = new Map<string, KeyedProcessing>()
  for (let step = 0; step < history.length; step++) {
    const processing = processings.observe(history[step], step)
    if (processing === undefined) continue
    const key = `${processing.epoch}\u0000${topicKeyOf(processing)}`
    const previous = last.get(key)
    last.set(key, processing)
    if (previous === undefined) continue
    const verdict = visit(processing, previous)
    if (verdict !== undefined) return verdict
  }
  return undefined
}

/** The first record of a key processed out of send order within one client epoch of a delivery-order member. */
const always = (history: History, config: Config): Violation | undefined => {
  const verdict = walk(history, config, (processing, previous) => {
    if (processing.sentStep > previous.sentStep) return undefined
    const record = showRecord(processing.topic, processing.partition, processing.offset)
    const before = showRecord(previous.topic, previous.partition, previous.offset)
    const message = `member ${processing.member} of ${processing.group} processed ${record} (${showKey(processing.key)}, sent at step ${
      processing.sentStep + 1
    }) after ${before} (sent at step ${previous.sentStep + 1}, processed at step ${previous.step + 1}) in one client epoch (since step ${
      processing.epochStart + 1
    }, no seek between)`
    return { step: processing.step, message }
  })
  return verdict === "witnessed" ? undefined : verdict
}

/** Some delivery-order member processed two records of one key in send order in one client epoch. */
const sometimes = (history: History, config: Config): boolean =>
  walk(history, config, (processing, previous) => (processing.sentStep > previous.sentStep ? "witnessed" : undefined)) === "witnessed"

/** The checker of KeyOrderProcessed. */
export const keyOrderProcessed: GuaranteeCheck = {
  id: "KeyOrderProcessed",
  always,
  sometimes,
  notApplicableReason: keyOrderNotApplicableReason
}
