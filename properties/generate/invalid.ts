/**
 * Invalid commands: ones the application's view says the broker must reject
 * with a typed error. A rejected command changes nothing that a guarantee
 * looks at, so these can never break a guarantee on a correct broker; a
 * broker that accepts one diverges from the model.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Choice } from "../choice.ts"
import { partitionKey, producerName } from "../driver/driver.ts"
import type { Action, DecodeContext } from "./context.ts"
import { sendValueOf } from "./actions.ts"
import type { Slot } from "./internal/slots.ts"
import { freshName, pick } from "./internal/slots.ts"

type Maker = (choice: Choice) => Command

const address = (slot: Slot) => ({ group: slot.group.name, member: slot.member.name })

const highWatermarkOf = (context: DecodeContext, topic: string, partition: number): number =>
  context.driver.highWatermarks.get(partitionKey(topic, partition)) ?? 0

/** `UnknownTopic`: a send to a topic the config does not have. */
const unknownTopic = (context: DecodeContext): Maker => ({ a }) => ({
  _tag: "ProducerSend",
  producer: producerName(a % context.config.bounds.producersMax),
  topic: freshName("unknown-topic", context.config.topics.map((topic) => topic.name)),
  value: sendValueOf(context)
})

/** `UnknownGroup`: a join or a poll in a group the config does not have. */
const unknownGroup = (context: DecodeContext): Maker => ({ a, c }) => {
  const group = freshName("unknown-group", context.config.groups.map((g) => g.name))
  const member = pick(context.slots, a).member.name
  return c % 2 === 0 ? { _tag: "GroupJoin", group, member } : { _tag: "ConsumerPoll", group, member, recordsMax: 1 }
}

/** `UnknownMember`: any member command from a member without a client. */
const unknownMember = (context: DecodeContext): Maker | undefined => {
  const slots = context.slots.filter(({ member }) => !member.running)
  if (slots.length === 0) return undefined
  return ({ a, c }) => {
    const at = address(pick(slots, a))
    const { name: topic } = pick(context.config.topics, c)
    switch (c % 7) {
      case 0:
        return { _tag: "ConsumerPoll", ...at, recordsMax: 1 }
      case 1:
        return { _tag: "ConsumerHeartbeat", ...at }
      case 2:
        return { _tag: "ConsumerCommit", ...at, offsets: [] }
      case 3:
        return { _tag: "GroupLeave", ...at }
      case 4:
        return { _tag: "ConsumerCrash", ...at }
      case 5:
        return { _tag: "ConsumerProcess", ...at, topic, partition: 0, offset: 0 }
      default:
        return { _tag: "ConsumerSeek", ...at, topic, partition: 0, offset: 0 }
    }
  }
}

/** `AlreadyMember`: a join from a member that is running and listed. */
const alreadyMember = (context: DecodeContext): Maker | undefined => {
  const slots = context.slots.filter(({ member }) => member.running && member.listed)
  if (slots.length === 0) return undefined
  return ({ a }) => ({ _tag: "GroupJoin", ...address(pick(slots, a)) })
}

/** `NotDelivered`: processing a record the member does not hold (an existing one when possible). */
const notDelivered = (context: DecodeContext): Maker | undefined => {
  const slots = context.slots.filter(({ member }) => member.running)
  if (slots.length === 0) return undefined
  return ({ a, b, c }) => {
    const slot = pick(slots, a)
    const topic = pick(context.config.topics, b)
    const partition = c % topic.partitions
    const highWatermark = highWatermarkOf(context, topic.name, partition)
    const existing = c % (highWatermark + 1)
    const held = slot.member.buffer.some((d) => d.topic === topic.name && d.partition === partition && d.offset === existing)
    const offset = held ? highWatermark : existing
    return { _tag: "ConsumerProcess", ...address(slot), topic: topic.name, partition, offset }
  }
}

/**
 * `NotAssigned`: a seek in a partition the client does not own, or a commit
 * to a partition that does not exist (a stale client is fenced first, which
 * rejects it all the same).
 */
const notAssigned = (context: DecodeContext): Maker | undefined => {
  const slots = context.slots.filter(({ member }) => member.running)
  if (slots.length === 0) return undefined
  return ({ a, b, c }) => {
    const slot = pick(slots, a)
    const topic = pick(context.config.topics, b)
    if (c % 2 === 1) {
      return { _tag: "ConsumerCommit", ...address(slot), offsets: [{ topic: topic.name, partition: topic.partitions, offset: 0 }] }
    }
    const owned = (partition: number) =>
      slot.member.assignment.some((tp) => tp.topic === topic.name && tp.partition === partition)
    const partitions = Array.from({ length: topic.partitions + 1 }, (_, i) => i).filter((i) => !owned(i))
    return { _tag: "ConsumerSeek", ...address(slot), topic: topic.name, partition: pick(partitions, c >> 1), offset: 0 }
  }
}

/**
 * `OffsetOutOfRange`: a seek (or a commit) above the high watermark of a
 * partition the client owns (a stale commit is fenced first).
 */
const offsetOutOfRange = (context: DecodeContext): Maker | undefined => {
  const slots = context.slots.filter(({ member }) => member.running && member.assignment.length > 0)
  if (slots.length === 0) return undefined
  return ({ a, b, c }) => {
    const slot = pick(slots, a)
    const { partition, topic } = pick(slot.member.assignment, b)
    const offset = highWatermarkOf(context, topic, partition) + 1 + (c % 3)
    return c % 2 === 0
      ? { _tag: "ConsumerSeek", ...address(slot), topic, partition, offset }
      : { _tag: "ConsumerCommit", ...address(slot), offsets: [{ topic, partition, offset }] }
  }
}

const kinds: ReadonlyArray<(context: DecodeContext) => Maker | undefined> = [
  unknownTopic,
  unknownGroup,
  unknownMember,
  alreadyMember,
  notDelivered,
  notAssigned,
  offsetOutOfRange
]

/** One invalid command, of a kind picked by `b` among those possible now. */
export const invalid: Action = {
  name: "invalid",
  weight: 4,
  enable: (context) => {
    if (context.config.topics.length === 0 || context.config.groups.length === 0) return undefined
    const makers = kinds.map((kind) => kind(context)).filter((maker): maker is Maker => maker !== undefined)
    return (choice) => pick(makers, choice.b)({ ...choice, b: Math.floor(choice.b / makers.length) })
  }
}
