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

/** Some record was delivered at least twice to an at-most-once group and processed at most once by it. */
const sometimes = (history: History, config: Config): boolean => {
  const delivered = new Map<string, number>()
  const processed = new Map<string, number>()
  for (const { response } of history) {
    if (response._tag === "Polled" && isGroupOfMode(config, response.group, "at-most-once")) {
      for (const record of response.records) {
        const key = `${response.group}\u0000${recordKey(record.topic, record.partition, record.offset)}`
        delivered.set(key, (delivered.get(key) ?? 0) + 1)
      }
    } else if (response._tag === "Processed" && isGroupOfMode(config, response.group, "at-most-once")) {
      const key = `${response.group}\u0000${recordKey(response.topic, response.partition, response.offset)}`
      processed.set(key, (processed.get(key) ?? 0) + 1)
    }
  }
  for (const [key, count] of delivered) {
    if (count >= 2 && (processed.get(key) ?? 0) <= 1) return true
  }
  return false
}

/** The checker of NoDuplicateUnderAtMostOnce. */
export const noDuplicateUnderAtMostOnce: GuaranteeCheck = { id: "NoDuplicateUnderAtMostOnce", always, sometimes }
