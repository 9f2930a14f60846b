/**
 * DeadLettersAreNeverLost: a dead-lettered record is set aside, not lost:
 * each `ProcessDeadLettered` names its own place in its group's dead-letter
 * topic, with the right cause and attempts, and the drain's dumps of the
 * dead-letter topics hold there the original's key and value with the
 * dead-letter header; nothing else is in a dead-letter topic.
 *
 * @module
 */
import { type Config, type DataEntry, deadLetterProducerName, type DeadLetterHeader, type History, isPoison } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { lastAppendStepsOf, undumpedReasonOf } from "./internal/appends.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { deadLetterTopicGroupsOf, failureNeeds } from "./internal/failureConfigs.ts"
import { type DeadLettering, FailureReplay } from "./internal/failureReplay.ts"
import { recordKey, showRecord } from "./internal/keys.ts"

const showValue = (value: string | undefined): string => (value === undefined ? "none" : JSON.stringify(value))

/** The header a dead-lettering's record must carry. */
const headerOf = (d: DeadLettering): DeadLetterHeader => ({
  group: d.group,
  topic: d.topic,
  partition: d.partition,
  offset: d.offset,
  cause: d.cause,
  attempts: d.attempts
})

const showHeader = (header: DeadLetterHeader | undefined): string =>
  header === undefined
    ? "no header"
    : `header { group ${header.group}, ${showRecord(header.topic, header.partition, header.offset)}, cause ${header.cause}, attempts ${header.attempts} }`

const sameHeader = (a: DeadLetterHeader | undefined, b: DeadLetterHeader): boolean =>
  a !== undefined && a.group === b.group && a.topic === b.topic && a.partition === b.partition && a.offset === b.offset &&
  a.cause === b.cause && a.attempts === b.attempts

/** Why a dumped entry is not the dead-letter record of `d`, or `undefined` when it is. */
const entryMismatch = (d: DeadLettering, entry: DataEntry): string | undefined => {
  const producer = deadLetterProducerName(d.group)
  if (entry.producer !== producer) return `producer ${entry.producer}, not ${producer}`
  if (d.value !== undefined && (entry.key !== d.key || entry.value !== d.value)) {
    return `key ${showValue(entry.key)} and value ${showValue(entry.value)}, not the original's key ${showValue(d.key)} and value ${showValue(d.value)}`
  }
  if (!sameHeader(entry.deadLetter, headerOf(d))) return `${showHeader(entry.deadLetter)}, not ${showHeader(headerOf(d))}`
  return undefined
}

const showDeadLettering = (d: DeadLettering): string =>
  `the dead-lettering of ${showRecord(d.topic, d.partition, d.offset)} by member ${d.member} of ${d.group} (step ${d.step + 1})`

/** The first violation the answers themselves show (a place named twice, a wrong topic, cause or attempts), and the replay of the whole history up to it. */
const answerViolation = (history: History, config: Config): { readonly violation: Violation | undefined; readonly failures: FailureReplay } => {
  const failures = new FailureReplay(config)
  for (let step = 0; step < history.length; step++) {
    const entry = history[step]
    const response = entry.response
    if (response._tag === "ProcessDeadLettered") {
      const group = failures.group(response.group)
      const failure = group.failure
      const where = showRecord(response.deadLetter.topic, response.deadLetter.partition, response.deadLetter.offset)
      const what = `member ${response.member} of ${response.group} dead-lettered ${showRecord(response.topic, response.partition, response.offset)} to ${where}`
      if (failure?.deadLetterTopic !== response.deadLetter.topic) {
        return {
          violation: { step, message: `${what}, but ${response.group}'s dead-letter topic is ${failure?.deadLetterTopic ?? "none (its policy has none)"}` },
          failures
        }
      }
      const earlier = failures.byDeadLetter.get(recordKey(response.deadLetter.topic, response.deadLetter.partition, response.deadLetter.offset))
      if (earlier !== undefined) return { violation: { step, message: `${what}, but ${showDeadLettering(earlier)} already named that place` }, failures }
      const value = failures.valueAt(response.topic, response.partition, response.offset)
      if (value !== undefined && isPoison(value) !== (response.cause === "poison")) {
        return {
          violation: { step, message: `${what} with cause ${response.cause}, but its value ${JSON.stringify(value)} is ${isPoison(value) ? "" : "not "}poison` },
          failures
        }
      }
      const attemptsMax = failure.attemptsMax ?? 0
      if (response.cause !== "breaker-open" && response.attempts !== attemptsMax) {
        return { violation: { step, message: `${what} after ${response.attempts} attempts (cause ${response.cause}), but ${response.group}'s attemptsMax is ${attemptsMax}` }, failures }
      }
      if (response.cause === "breaker-open") {
        const made = failures.replay.client(response.group, response.member).attempts.get(recordKey(response.topic, response.partition, response.offset))?.failed ?? 0
        if (response.attempts !== made || made >= attemptsMax) {
          return {
            violation: { step, message: `${what} with cause breaker-open after ${response.attempts} attempts, but the client had made ${made} (attemptsMax ${attemptsMax})` },
            failures
          }
        }
      }
    }
    failures.apply(entry, step)
  }
  return { violation: undefined, failures }
}

/**
 * The first, by step, of: a `ProcessDeadLettered` naming a place outside its
 * group's dead-letter topic or one an earlier dead-lettering named, with
 * cause `poison` exactly when the record is not poison, or with `attempts`
 * other than `attemptsMax` (cause `breaker-open`: other than the attempts
 * the client made, or not fewer than `attemptsMax`); and, in the dumps of
 * the dead-letter topics (from offset 0), a dead-lettering made before the
 * dump whose place does not hold a record by `dead-letter:<group>` with the
 * original's key and value and the answer's header, or a data record no
 * dead-lettering of the topic's group names.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const topics = deadLetterTopicGroupsOf(config)
  if (topics.size === 0) return undefined
  const { violation, failures } = answerViolation(history, config)
  const before = violation?.step ?? history.length
  const logs = dumpedLogsOf(history)
  let first = violation
  const report = (candidate: Violation): void => {
    if (candidate.step < (first?.step ?? history.length)) first = candidate
  }
  for (const [topic, group] of topics) {
    for (const d of failures.group(group.name).deadLetterings) {
      const dumped = logs.partition(topic, d.deadLetter.partition)
      if (dumped === undefined || dumped.from > 0 || dumped.step < d.step || dumped.step >= before) continue
      const entry = dumped.entries.get(d.deadLetter.offset)
      const where = showRecord(topic, d.deadLetter.partition, d.deadLetter.offset)
      if (entry === undefined || entry._tag !== "Data") {
        report({ step: dumped.step, message: `the dump of ${where} shows ${entry === undefined ? "nothing" : "a marker"} there, but ${showDeadLettering(d)} published its record there` })
        continue
      }
      const wrong = entryMismatch(d, entry)
      if (wrong !== undefined) report({ step: dumped.step, message: `the dump of ${where} shows a record with ${wrong}, published by ${showDeadLettering(d)}` })
    }
    const topicConfig = config.topics.find((t) => t.name === topic)
    for (let partition = 0; partition < (topicConfig?.partitions ?? 0); partition++) {
      const dumped = logs.partition(topic, partition)
      if (dumped === undefined || dumped.step >= before) continue
      for (const entry of logs.dataOf(dumped)) {
        const named = failures.byDeadLetter.get(recordKey(topic, partition, entry.offset))
        if (named !== undefined && named.group === group.name && named.step < dumped.step) continue
        report({
          step: dumped.step,
          message: `the dump of dead-letter topic ${topic} shows a record by ${entry.producer} at ${showRecord(topic, partition, entry.offset)}, but no dead-lettering of ${group.name} before it names that place`
        })
        break
      }
    }
  }
  return first
}

/** A record was dead-lettered after `attemptsMax` failed attempts, and a dump of its dead-letter topic shows it there with its header. */
const sometimes = (history: History, config: Config): boolean => {
  const topics = deadLetterTopicGroupsOf(config)
  if (topics.size === 0) return false
  const failures = new FailureReplay(config)
  history.forEach((entry, step) => failures.apply(entry, step))
  const logs = dumpedLogsOf(history)
  for (const [topic, group] of topics) {
    for (const d of failures.group(group.name).deadLetterings) {
      if (d.cause === "breaker-open" || d.attempts !== group.failure?.attemptsMax) continue
      const dumped = logs.partition(topic, d.deadLetter.partition)
      const entry = dumped?.step !== undefined && dumped.step > d.step ? dumped.entries.get(d.deadLetter.offset) : undefined
      if (entry?._tag === "Data" && entryMismatch(d, entry) === undefined) return true
    }
  }
  return false
}

/** The checker of DeadLettersAreNeverLost. */
export const deadLettersAreNeverLost: GuaranteeCheck = {
  id: "DeadLettersAreNeverLost",
  always,
  sometimes,
  judgesDrainedHistory: true,
  /** The groups with a dead-letter topic whose partitions no dump shows whole after the last append to them. */
  undrainedOf: (history, config) => {
    const logs = dumpedLogsOf(history)
    const lastAppends = lastAppendStepsOf(history)
    const undrained = new Map<string, string>()
    for (const [topic, group] of deadLetterTopicGroupsOf(config)) {
      const topicConfig = config.topics.find((t) => t.name === topic)
      const reason = topicConfig === undefined ? undefined : undumpedReasonOf(logs, lastAppends, topicConfig)
      if (reason !== undefined) undrained.set(group.name, reason)
    }
    return undrained
  },
  notApplicableReason: failureNeeds.deadLetter
}
