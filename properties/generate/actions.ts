/**
 * The meaningful actions: what an application following its group's consumer
 * protocol may do next (plus crashes, leaves, zombies and time passing).
 *
 * @module
 */
import type { Config, TopicConfig } from "../../spec/config.ts"
import { choiceFieldMax } from "../choice.ts"
import { producerName } from "../driver/driver.ts"
import { commitOffsetsOf, processableOf, seekRangesOf } from "../driver/protocol.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"
import { keyIndexMax, keyOfIndex } from "./keys.ts"
import { clockBoundaryFrom, heartbeatOldestFrom, listedOf, oldestOf, pollSizeBoundaryFrom, pollSizesAtLimits, sessionAgeAdvanceMs, sessionAgesAimedMs } from "./limits.ts"

/** The group and member a command from this slot addresses. */
export const addressOf = (slot: Slot) => ({ group: slot.group.name, member: slot.member.name })

/** The value of the next send: unique within a run, `v0`, `v1`, ... */
export const sendValueOf = (context: DecodeContext): string => `v${context.driver.sendsCount}`

const sendTopicsByConfig = new WeakMap<Config, ReadonlyArray<TopicConfig>>()

/**
 * The topics producers send to: every topic but the groups' dead-letter
 * topics, which only their groups' applications publish to (so on a config
 * without failure policies, every topic).
 */
export const sendTopicsOf = (config: Config): ReadonlyArray<TopicConfig> => {
  let topics = sendTopicsByConfig.get(config)
  if (topics === undefined) {
    const deadLetterTopics = new Set(config.groups.flatMap((group) => (group.failure?.deadLetterTopic === undefined ? [] : [group.failure.deadLetterTopic])))
    topics = deadLetterTopics.size === 0 ? config.topics : config.topics.filter((topic) => !deadLetterTopics.has(topic.name))
    sendTopicsByConfig.set(config, topics)
  }
  return topics
}

/**
 * A producer sends to a topic (not a dead-letter topic, see
 * {@link sendTopicsOf}); with an even `c` the record has no key, else
 * the key of index `c >> 1` (see `keys.ts`): mostly a hot key `k<i>`, for
 * the top quarter of indexes an awkward one (empty, long, non-ASCII, astral,
 * a lone surrogate).
 */
export const send: Action = {
  name: "send",
  weight: 14,
  enabled: (context) => sendTopicsOf(context.config).length > 0,
  make: (context, { a, b, c }) => {
    const { bounds } = context.config
    const base = { producer: producerName(a % bounds.producersMax), topic: pick(sendTopicsOf(context.config), b).name }
    return c % 2 === 0
      ? { _tag: "ProducerSend", ...base, value: sendValueOf(context) }
      : { _tag: "ProducerSend", ...base, key: keyOfIndex(Math.min(c >> 1, keyIndexMax), bounds.keysMax), value: sendValueOf(context) }
  }
}

/** A member without a client, or one the broker no longer lists (a zombie), joins. */
export const join: Action = {
  name: "join",
  weight: 10,
  enabled: (context) => context.joinable.length > 0,
  make: (context, { a }) => ({ _tag: "GroupJoin", ...addressOf(pick(context.joinable, a)) })
}

/**
 * A running, listed member polls (a stale one syncs instead): `c` below
 * {@link pollSizeBoundaryFrom} asks for `1 + c % recordsPerPollMax` records,
 * higher values for a size at a limit (see {@link pollSizesAtLimits}).
 */
export const poll: Action = {
  name: "poll",
  weight: 18,
  enabled: (context) => context.live.length > 0,
  make: (context, { a, c }) => {
    const slot = pick(context.live, a)
    const recordsMax = c < pollSizeBoundaryFrom
      ? 1 + (c % context.config.bounds.recordsPerPollMax)
      : pick(pollSizesAtLimits(context, slot), c - pollSizeBoundaryFrom)
    return { _tag: "ConsumerPoll", ...addressOf(slot), recordsMax }
  }
}

/** A running member processes one record its protocol lets it process. */
export const processRecord: Action = {
  name: "process",
  weight: 22,
  enabled: (context) => context.processing.length > 0,
  make: (context, { a, c }) => {
    const slot = pick(context.processing, a)
    const { offset, partition, topic } = pick(processableOf(slot.group, slot.member), c)
    return { _tag: "ConsumerProcess", ...addressOf(slot), topic, partition, offset }
  }
}

/** A running, listed member commits what its protocol commits (a stale one gets fenced). */
export const commit: Action = {
  name: "commit",
  weight: 12,
  enabled: (context) => context.committing.length > 0,
  make: (context, { a }) => {
    const slot = pick(context.committing, a)
    return { _tag: "ConsumerCommit", ...addressOf(slot), offsets: commitOffsetsOf(slot.group, slot.member) }
  }
}

/**
 * A running, listed member heartbeats (and learns of rebalances). With `b`
 * below {@link heartbeatOldestFrom} the member `a` picks; otherwise the one
 * heard from longest ago (see {@link oldestOf}), so heartbeats land at every
 * age of a session, the last millisecond after a boundary advance included.
 */
export const heartbeat: Action = {
  name: "heartbeat",
  weight: 5,
  enabled: (context) => context.live.length > 0,
  make: (context, { a, b }) => ({
    _tag: "ConsumerHeartbeat",
    ...addressOf(b < heartbeatOldestFrom ? pick(context.live, a) : oldestOf(context.live))
  })
}

/**
 * Time passes. With `b` below {@link clockBoundaryFrom} (or no listed
 * member): `0..clockAdvanceMsMax`, growing with `a` as its square, so most
 * advances are short (heartbeat-sized) and some exceed the session timeout.
 * Otherwise the advance is aimed at a session age of the listed member `a`
 * picks (see {@link sessionAgesAimedMs}, `c` picks the age): 1 ms before its
 * session would expire, exactly when it does, 1 ms after, or a quarter, half
 * or three quarters of the timeout (a heartbeat that follows comes at that
 * age; an age the member is already past gives a zero advance).
 */
export const clock: Action = {
  name: "clock",
  weight: 6,
  enabled: () => true,
  make: (context, { a, b, c }) => {
    const listed = b < clockBoundaryFrom ? [] : listedOf(context)
    if (listed.length === 0) {
      return {
        _tag: "ClockAdvance",
        ms: Math.floor((a * a * context.config.bounds.clockAdvanceMsMax) / (choiceFieldMax * choiceFieldMax))
      }
    }
    const ageMs = pick(sessionAgesAimedMs(context.config.sessionTimeoutMs), c)
    return { _tag: "ClockAdvance", ms: sessionAgeAdvanceMs(context, pick(listed, a).member, ageMs) }
  }
}

/** A running member's process dies. */
export const crash: Action = {
  name: "crash",
  weight: 5,
  enabled: (context) => context.running.length > 0,
  make: (context, { a }) => ({ _tag: "ConsumerCrash", ...addressOf(pick(context.running, a)) })
}

/** A running, listed member leaves gracefully. */
export const leave: Action = {
  name: "leave",
  weight: 2,
  enabled: (context) => context.live.length > 0,
  make: (context, { a }) => ({ _tag: "GroupLeave", ...addressOf(pick(context.live, a)) })
}

/**
 * A running member seeks within what its protocol allows: back under
 * at-least-once, forward under at-most-once (`c = 0` stays at the position).
 */
export const seek: Action = {
  name: "seek",
  weight: 4,
  enabled: (context) => context.seeking.length > 0,
  make: (context, { a, b, c }) => {
    const slot = pick(context.seeking, a)
    const range = pick(seekRangesOf(context.driver, slot.group, slot.member), b)
    const span = range.high - range.low + 1
    const offset = slot.group.mode === "at-least-once" ? range.high - (c % span) : range.low + (c % span)
    return { _tag: "ConsumerSeek", ...addressOf(slot), topic: range.topic, partition: range.partition, offset }
  }
}

/**
 * A zombie (a running member whose session expired) still talks to the
 * broker: a poll, a heartbeat or its protocol's commit, all answered
 * `UnknownMember` (the commit of a zombie is fenced).
 */
export const zombie: Action = {
  name: "zombie",
  weight: 2,
  enabled: (context) => context.zombies.length > 0,
  make: (context, { a, c }) => {
    const slot = pick(context.zombies, a)
    switch (c % 3) {
      case 0:
        return { _tag: "ConsumerPoll", ...addressOf(slot), recordsMax: context.config.bounds.recordsPerPollMax }
      case 1:
        return { _tag: "ConsumerHeartbeat", ...addressOf(slot) }
      default:
        return { _tag: "ConsumerCommit", ...addressOf(slot), offsets: commitOffsetsOf(slot.group, slot.member) }
    }
  }
}
