/**
 * NoDuplicateUnderAtMostOnce: no record is processed twice by an at-most-once
 * group.
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { isGroupOfMode } from "./internal/groupsByMode.ts"
import { recordKey, showRecord } from "./internal/keys.ts"

/** The first `Processed` of a record that its at-most-once group already processed. */
const always = (history: History, config: Config): Violation | undefined => {
  const first = new Map<string, { readonly step: number; readonly member: string }>()
  for (let step = 0; step < history.length; step++) {
    const response = history[step].response
    if (response._tag !== "Processed" || !isGroupOfMode(config, response.group, "at-most-once")) continue
    const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
    const earlier = first.get(key)
    if (earlier === undefined) {
      first.set(key, { step, member: response.member })
      continue
    }
    return {
      step,
      message: `at-most-once group ${response.group} processed ${showRecord(response.topic, response.partition, response.offset)} again (member ${response.member}); member ${earlier.member} already processed it at step ${earlier.step + 1}`
    }
  }
  return undefined
}

/**
 * The groups whose membership changes at this entry (a member crashed,
 * left, joined or rejoined, or expired): the events after which a group
 * redelivers what it had not committed.
 */
const membershipChangesOf = (response: History[number]["response"]): ReadonlyArray<string> => {
  switch (response._tag) {
    case "Crashed":
    case "ProcessCrashed":
    case "Left":
    case "Joined":
      return [response.group]
    case "ClockAdvanced":
      return response.expired.map((expired) => expired.group)
    default:
      return []
  }
}

/**
 * Some record was delivered again to an at-most-once group after a member of
 * the group crashed, left, joined or expired since its earlier delivery (a
 * redelivery after a crash or a rebalance, not a seek back), and the group
 * processed it exactly once.
 */
const sometimes = (history: History, config: Config): boolean => {
  const membershipChanges = new Map<string, number>()
  /** Per (group, record): the group's membership changes at its last delivery. */
  const deliveredAt = new Map<string, number>()
  const redelivered = new Set<string>()
  const processed = new Map<string, number>()
  for (const { response } of history) {
    for (const group of membershipChangesOf(response)) membershipChanges.set(group, (membershipChanges.get(group) ?? 0) + 1)
    if (response._tag === "Polled" && isGroupOfMode(config, response.group, "at-most-once")) {
      const changes = membershipChanges.get(response.group) ?? 0
      for (const record of response.records) {
        const key = `${response.group}\u0000${recordKey(record.topic, record.partition, record.offset)}`
        const earlier = deliveredAt.get(key)
        if (earlier !== undefined && earlier !== changes) redelivered.add(key)
        deliveredAt.set(key, changes)
      }
    } else if (response._tag === "Processed" && isGroupOfMode(config, response.group, "at-most-once")) {
      const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
      processed.set(key, (processed.get(key) ?? 0) + 1)
    }
  }
  for (const key of redelivered) {
    if (processed.get(key) === 1) return true
  }
  return false
}

/** The checker of NoDuplicateUnderAtMostOnce. */
export const noDuplicateUnderAtMostOnce: GuaranteeCheck = { id: "NoDuplicateUnderAtMostOnce", always, sometimes }
