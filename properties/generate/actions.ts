/**
 * The meaningful actions: what an application following its group's consumer
 * protocol may do next (plus crashes, leaves and time passing).
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import { choiceFieldMax } from "../choice.ts"
import { keyName, producerName } from "../driver/driver.ts"
import { commitOffsetsOf, processableOf, seekRangesOf } from "../driver/protocol.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"

const slotsWhere = (context: DecodeContext, keep: (slot: Slot) => boolean): ReadonlyArray<Slot> =>
  context.slots.filter(keep)

const address = (slot: Slot) => ({ group: slot.group.name, member: slot.member.name })

/** The value of the next send: unique within a run, `v0`, `v1`, ... */
export const sendValueOf = (context: DecodeContext): string => `v${context.driver.sendsCount}`

/** A producer sends to a topic; with an even `c` the record has no key, else key `k<(c >> 1) % keysMax>`. */
export const send: Action = {
  name: "send",
  weight: 14,
  enable: (context) => {
    const { bounds, topics } = context.config
    if (topics.length === 0) return undefined
    return ({ a, b, c }): Command => {
      const base = { producer: producerName(a % bounds.producersMax), topic: pick(topics, b).name }
      return c % 2 === 0
        ? { _tag: "ProducerSend", ...base, value: sendValueOf(context) }
        : { _tag: "ProducerSend", ...base, key: keyName((c >> 1) % bounds.keysMax), value: sendValueOf(context) }
    }
  }
}

/** A member without a client, or one the broker no longer lists (a zombie), joins. */
export const join: Action = {
  name: "join",
  weight: 6,
  enable: (context) => {
    const slots = slotsWhere(context, ({ member }) => !(member.running && member.listed))
    if (slots.length === 0) return undefined
    return ({ a }) => ({ _tag: "GroupJoin", ...address(pick(slots, a)) })
  }
}

const isLive = ({ member }: Slot): boolean => member.running && member.listed

/** A running, listed member polls up to `1 + c % recordsPerPollMax` records (a stale one syncs instead). */
export const poll: Action = {
  name: "poll",
  weight: 18,
  enable: (context) => {
    const slots = slotsWhere(context, isLive)
    if (slots.length === 0) return undefined
    return ({ a, c }) => ({
      _tag: "ConsumerPoll",
      ...address(pick(slots, a)),
      recordsMax: 1 + (c % context.config.bounds.recordsPerPollMax)
    })
  }
}

/** A running member processes one record its protocol lets it process. */
export const processRecord: Action = {
  name: "process",
  weight: 22,
  enable: (context) => {
    const slots = slotsWhere(context, (slot) => slot.member.running && processableOf(slot.group, slot.member).length > 0)
    if (slots.length === 0) return undefined
    return ({ a, c }) => {
      const slot = pick(slots, a)
      const { offset, partition, topic } = pick(processableOf(slot.group, slot.member), c)
      return { _tag: "ConsumerProcess", ...address(slot), topic, partition, offset }
    }
  }
}

/** A running, listed member commits what its protocol commits (a stale one gets fenced). */
export const commit: Action = {
  name: "commit",
  weight: 12,
  enable: (context) => {
    const slots = slotsWhere(context, (slot) => isLive(slot) && commitOffsetsOf(slot.group, slot.member).length > 0)
    if (slots.length === 0) return undefined
    return ({ a }) => {
      const slot = pick(slots, a)
      return { _tag: "ConsumerCommit", ...address(slot), offsets: commitOffsetsOf(slot.group, slot.member) }
    }
  }
}

/** A running, listed member heartbeats (and learns of rebalances). */
export const heartbeat: Action = {
  name: "heartbeat",
  weight: 5,
  enable: (context) => {
    const slots = slotsWhere(context, isLive)
    if (slots.length === 0) return undefined
    return ({ a }) => ({ _tag: "ConsumerHeartbeat", ...address(pick(slots, a)) })
  }
}

/** Time passes: `a` scaled to `0..clockAdvanceMsMax` (some advances exceed the session timeout). */
export const clock: Action = {
  name: "clock",
  weight: 6,
  enable: (context) => ({ a }) => ({
    _tag: "ClockAdvance",
    ms: Math.floor((a * context.config.bounds.clockAdvanceMsMax) / choiceFieldMax)
  })
}

/** A running member's process dies. */
export const crash: Action = {
  name: "crash",
  weight: 4,
  enable: (context) => {
    const slots = slotsWhere(context, ({ member }) => member.running)
    if (slots.length === 0) return undefined
    return ({ a }) => ({ _tag: "ConsumerCrash", ...address(pick(slots, a)) })
  }
}

/** A running, listed member leaves gracefully. */
export const leave: Action = {
  name: "leave",
  weight: 2,
  enable: (context) => {
    const slots = slotsWhere(context, isLive)
    if (slots.length === 0) return undefined
    return ({ a }) => ({ _tag: "GroupLeave", ...address(pick(slots, a)) })
  }
}

/**
 * A running member seeks within what its protocol allows: back under
 * at-least-once, forward under at-most-once (`c = 0` stays at the position).
 */
export const seek: Action = {
  name: "seek",
  weight: 3,
  enable: (context) => {
    const options = context.slots.flatMap((slot) =>
      slot.member.running ? seekRangesOf(context.driver, slot.group, slot.member).map((range) => ({ slot, range })) : []
    )
    if (options.length === 0) return undefined
    return ({ a, c }) => {
      const { range, slot } = pick(options, a)
      const span = range.high - range.low + 1
      const offset = slot.group.mode === "at-least-once" ? range.high - (c % span) : range.low + (c % span)
      return { _tag: "ConsumerSeek", ...address(slot), topic: range.topic, partition: range.partition, offset }
    }
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
  enable: (context) => {
    const slots = slotsWhere(context, ({ member }) => member.running && !member.listed)
    if (slots.length === 0) return undefined
    return ({ a, c }) => {
      const slot = pick(slots, a)
      switch (c % 3) {
        case 0:
          return { _tag: "ConsumerPoll", ...address(slot), recordsMax: context.config.bounds.recordsPerPollMax }
        case 1:
          return { _tag: "ConsumerHeartbeat", ...address(slot) }
        default:
          return { _tag: "ConsumerCommit", ...address(slot), offsets: commitOffsetsOf(slot.group, slot.member) }
      }
    }
  }
}
