/**
 * The actions of processing failures (spec/failure.ts): enabled only on a
 * config with a group that has a `failure` config, so every other config
 * decodes the same choices to the same commands as before. Producers send
 * poison records to the topics such groups read; each such group's
 * downstream goes down and comes back; a group redrives its dead letters;
 * and the clock is aimed at retry times and at the end of breakers'
 * cool-downs (1 ms before, at, 1 ms after), so both sides of each boundary
 * come up. Members retry what failed (early or on time: the backoff refuses
 * the early ones), and keep attempting while their downstream is down.
 *
 * @module
 */
import { poisonPrefix } from "../../spec/failure.ts"
import { producerName } from "../driver/driver.ts"
import type { GroupView } from "../driver/driver.ts"
import type { Delivery } from "../driver/driver.ts"
import { attemptOf } from "../driver/failure.ts"
import { processableOf } from "../driver/protocol.ts"
import { addressOf, sendValueOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"
import { keyIndexMax, keyOfIndex } from "./keys.ts"

/** A running member of a group with a failure policy and the records it would retry: those it failed at, and all it may process while its downstream is down. */
interface RetrySlot {
  readonly slot: Slot
  readonly records: ReadonlyArray<Delivery>
}

/** What the failure actions pick from, per decoding. */
interface FailureContext {
  /** Topics a group with a `failure` config reads, in config order. */
  readonly poisonTopics: ReadonlyArray<string>
  /** Groups with a `failure` config. */
  readonly failing: ReadonlyArray<GroupView>
  /** Groups with dead letters not redriven yet. */
  readonly redrivable: ReadonlyArray<GroupView>
  /** Clock advances aimed at a retry time or a cool-down's end ahead: 1 ms before, at, 1 ms after. */
  readonly aimedMs: ReadonlyArray<number>
  /** Members with records to retry. */
  readonly retrying: ReadonlyArray<RetrySlot>
}

const contexts = new WeakMap<DecodeContext, FailureContext>()
const poisonTopicsByConfig = new WeakMap<object, ReadonlyArray<string>>()

const poisonTopicsOf = (context: DecodeContext): ReadonlyArray<string> => {
  let topics = poisonTopicsByConfig.get(context.config)
  if (topics === undefined) {
    const read = new Set(context.config.groups.filter((group) => group.failure !== undefined).flatMap((group) => group.topics))
    topics = context.config.topics.map((topic) => topic.name).filter((name) => read.has(name))
    poisonTopicsByConfig.set(context.config, topics)
  }
  return topics
}

/** The failure context of a decoding (memoised per context). */
const failureContextOf = (context: DecodeContext): FailureContext => {
  let found = contexts.get(context)
  if (found !== undefined) return found
  const nowMs = context.driver.nowMs
  const failing: Array<GroupView> = []
  const redrivable: Array<GroupView> = []
  const boundaries = new Set<number>()
  for (const group of context.driver.groups) {
    const failure = group.failure
    if (failure === undefined) continue
    failing.push(group)
    if (failure.deadLetters > 0) redrivable.push(group)
    if (failure.breakerUntilMs >= nowMs) boundaries.add(failure.breakerUntilMs)
    for (const member of group.members) {
      if (!member.running) continue
      for (const attempt of member.attempts.values()) {
        if (attempt.retryAtMs !== undefined && attempt.retryAtMs >= nowMs) boundaries.add(attempt.retryAtMs)
      }
    }
  }
  const retrying: Array<RetrySlot> = []
  for (const slot of context.processing) {
    const failure = slot.group.failure
    if (failure === undefined) continue
    const processable = processableOf(slot.group, slot.member)
    const records = failure.downstreamUp ? processable.filter((delivery) => attemptOf(slot.member, delivery) !== undefined) : processable
    if (records.length > 0) retrying.push({ slot, records })
  }
  const aimed = new Set<number>()
  for (const boundary of [...boundaries].sort((x, y) => x - y).slice(0, 4)) {
    for (const delta of [-1, 0, 1]) if (boundary + delta >= nowMs) aimed.add(boundary + delta - nowMs)
  }
  found = { poisonTopics: poisonTopicsOf(context), failing, redrivable, aimedMs: [...aimed].sort((x, y) => x - y), retrying }
  contexts.set(context, found)
  return found
}

/**
 * A producer sends a poison record (`poison-v<n>`, see `isPoison`) to a topic
 * a group with a failure policy reads; keyed as an ordinary send is (`c`).
 */
export const poisonSend: Action = {
  name: "poison-send",
  weight: 6,
  enabled: (context) => context.driver.failures && failureContextOf(context).poisonTopics.length > 0,
  make: (context, { a, b, c }) => {
    const { bounds } = context.config
    const base = {
      _tag: "ProducerSend",
      producer: producerName(a % bounds.producersMax),
      topic: pick(failureContextOf(context).poisonTopics, b),
      value: `${poisonPrefix}${sendValueOf(context)}`
    } as const
    return c % 2 === 0 ? base : { ...base, key: keyOfIndex(Math.min(c >> 1, keyIndexMax), bounds.keysMax) }
  }
}

/** A group's downstream goes down (when up) or comes back (when down). */
export const downstreamFault: Action = {
  name: "downstream",
  weight: 5,
  enabled: (context) => context.driver.failures,
  make: (context, { a }) => {
    const group = pick(failureContextOf(context).failing, a)
    return { _tag: group.failure?.downstreamUp === false ? "DownstreamUp" : "DownstreamDown", group: group.name }
  }
}

/** A group redrives the dead letters it published and has not redriven. */
export const deadLetterRedrive: Action = {
  name: "dead-letter-redrive",
  weight: 8,
  enabled: (context) => context.driver.failures && failureContextOf(context).redrivable.length > 0,
  make: (context, { a }) => ({ _tag: "DeadLetterRedrive", group: pick(failureContextOf(context).redrivable, a).name })
}

/** Time passes to a retry time or a breaker's cool-down end ahead (`a` picks among the aimed advances). */
export const failureClock: Action = {
  name: "failure-clock",
  weight: 6,
  enabled: (context) => context.driver.failures && failureContextOf(context).aimedMs.length > 0,
  make: (context, { a }) => ({ _tag: "ClockAdvance", ms: pick(failureContextOf(context).aimedMs, a) })
}

/**
 * A member of a group with a failure policy works on what failed: it
 * attempts a record it failed at before (early or on time: the backoff
 * refuses the early ones), or, while its group's downstream is down, any
 * record it may process, so failures pile up and breakers open.
 */
export const failureRetry: Action = {
  name: "failure-retry",
  weight: 12,
  enabled: (context) => context.driver.failures && failureContextOf(context).retrying.length > 0,
  make: (context, { a, c }) => {
    const { records, slot } = pick(failureContextOf(context).retrying, a)
    const { offset, partition, topic } = pick(records, c)
    return { _tag: "ConsumerProcess", ...addressOf(slot), topic, partition, offset }
  }
}

/** The failure actions, in the order decoding walks them. */
export const failureActions: ReadonlyArray<Action> = [poisonSend, downstreamFault, deadLetterRedrive, failureClock, failureRetry]
