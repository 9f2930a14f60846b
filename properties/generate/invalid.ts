/**
 * Invalid commands: ones the application's view says the broker must reject
 * with a typed error. A rejected command changes nothing that a guarantee
 * looks at, so these can never break a guarantee on a correct broker; a
 * broker that accepts one diverges from the model.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import { highWatermarkOf, producerName } from "../driver/driver.ts"
import { addressOf, sendValueOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import { freshName, pick } from "./internal/slots.ts"

/** One kind of invalid command: when it can be built, and how. */
export interface InvalidKind {
  readonly possible: (context: DecodeContext) => boolean
  readonly make: (context: DecodeContext, choice: Choice) => Command
}


const unknownNames = new WeakMap<Config, { readonly topic: string; readonly group: string }>()

/** A topic name and a group name the config does not have (memoised per config). */
const unknownNamesOf = (config: Config) => {
  let names = unknownNames.get(config)
  if (names === undefined) {
    names = {
      topic: freshName("unknown-topic", config.topics.map((topic) => topic.name)),
      group: freshName("unknown-group", config.groups.map((group) => group.name))
    }
    unknownNames.set(config, names)
  }
  return names
}

/** `UnknownTopic`: a send to a topic the config does not have. */
const unknownTopic: InvalidKind = {
  possible: () => true,
  make: (context, { a }) => ({
    _tag: "ProducerSend",
    producer: producerName(a % context.config.bounds.producersMax),
    topic: unknownNamesOf(context.config).topic,
    value: sendValueOf(context)
  })
}

/** `UnknownGroup`: a join or a poll in a group the config does not have. */
const unknownGroup: InvalidKind = {
  possible: (context) => context.slots.length > 0,
  make: (context, { a, c }) => {
    const group = unknownNamesOf(context.config).group
    const member = pick(context.slots, a).member.name
    return c % 2 === 0 ? { _tag: "GroupJoin", group, member } : { _tag: "ConsumerPoll", group, member, recordsMax: 1 }
  }
}

/** `UnknownMember`: any member command from a member without a client. */
const unknownMember: InvalidKind = {
  possible: (context) => context.idle.length > 0,
  make: (context, { a, b, c }) => {
    const at = addressOf(pick(context.idle, a))
    const { name: topic } = pick(context.config.topics, b)
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
const alreadyMember: InvalidKind = {
  possible: (context) => context.live.length > 0,
  make: (context, { a }) => ({ _tag: "GroupJoin", ...addressOf(pick(context.live, a)) })
}

/** `NotDelivered`: processing a record the member does not hold (an existing one when possible). */
const notDelivered: InvalidKind = {
  possible: (context) => context.running.length > 0,
  make: (context, { a, b, c }) => {
    const slot = pick(context.running, a)
    const topic = pick(context.config.topics, b)
    const partition = c % topic.partitions
    const highWatermark = highWatermarkOf(context.driver, topic.name, partition)
    const existing = c % (highWatermark + 1)
    const held = slot.member.buffer.some((d) => d.topic === topic.name && d.partition === partition && d.offset === existing)
    const offset = held ? highWatermark : existing
    return { _tag: "ConsumerProcess", ...addressOf(slot), topic: topic.name, partition, offset }
  }
}

/**
 * `NotAssigned`: a seek in a partition the client does not own, or a commit
 * to a partition that does not exist (a stale client is fenced first, which
 * rejects it all the same).
 */
const notAssigned: InvalidKind = {
  possible: (context) => context.running.length > 0,
  make: (context, { a, b, c }) => {
    const slot = pick(context.running, a)
    const topic = pick(context.config.topics, b)
    if (c % 2 === 1) {
      return { _tag: "ConsumerCommit", ...addressOf(slot), offsets: [{ topic: topic.name, partition: topic.partitions, offset: 0 }] }
    }
    const owned = (partition: number) =>
      slot.member.assignment.some((tp) => tp.topic === topic.name && tp.partition === partition)
    const partitions = Array.from({ length: topic.partitions + 1 }, (_, i) => i).filter((i) => !owned(i))
    return { _tag: "ConsumerSeek", ...addressOf(slot), topic: topic.name, partition: pick(partitions, c >> 1), offset: 0 }
  }
}

/**
 * `OffsetOutOfRange`: a seek (or a commit) above the high watermark of a
 * partition the client owns (a stale commit is fenced first).
 */
const offsetOutOfRange: InvalidKind = {
  possible: (context) => context.running.some(({ member }) => member.assignment.length > 0),
  make: (context, { a, b, c }) => {
    const slot = pick(context.running.filter(({ member }) => member.assignment.length > 0), a)
    const { partition, topic } = pick(slot.member.assignment, b)
    const offset = highWatermarkOf(context.driver, topic, partition) + 1 + (c % 3)
    return c % 2 === 0
      ? { _tag: "ConsumerSeek", ...addressOf(slot), topic, partition, offset }
      : { _tag: "ConsumerCommit", ...addressOf(slot), offsets: [{ topic, partition, offset }] }
  }
}

const unknownServices = new WeakMap<Config, string>()

/** A service name the config does not have (memoised per config). */
const unknownServiceOf = (config: Config): string => {
  let name = unknownServices.get(config)
  if (name === undefined) {
    name = freshName("unknown-service", (config.services ?? []).map((service) => service.name))
    unknownServices.set(config, name)
  }
  return name
}

/** `UnknownService`: a write or a relay of a service the config does not have (only on configs with services). */
const unknownService: InvalidKind = {
  possible: (context) => context.driver.external && context.driver.outside.services.length > 0,
  make: (context, { c }) => {
    const service = unknownServiceOf(context.config)
    return c % 2 === 0 ? { _tag: "ServiceWrite", service, event: `e${context.driver.outside.eventsCount}` } : { _tag: "RelayPublish", service }
  }
}

/** `NotAnOutbox`: a relay of a service that publishes by a dual write. */
const notAnOutbox: InvalidKind = {
  possible: (context) => context.driver.external && context.driver.outside.services.some((service) => !service.outbox),
  make: (context, { a }) => ({ _tag: "RelayPublish", service: pick(context.driver.outside.services.filter((service) => !service.outbox), a).name })
}

/** The kinds of invalid command, in the order `invalid`'s `b` picks among the possible ones (the explorer walks each). */
export const invalidKinds: ReadonlyArray<InvalidKind> = [
  unknownTopic,
  unknownGroup,
  unknownMember,
  alreadyMember,
  notDelivered,
  notAssigned,
  offsetOutOfRange,
  unknownService,
  notAnOutbox
]

/** One invalid command, of a kind picked by `b` among those possible now (`b / kinds` picks within it). */
export const invalid: Action = {
  name: "invalid",
  weight: 4,
  enabled: (context) => context.config.topics.length > 0 && context.config.groups.length > 0,
  make: (context, choice) => {
    const possible = invalidKinds.filter((kind) => kind.possible(context))
    const kind = pick(possible, choice.b)
    return kind.make(context, { ...choice, b: Math.floor(choice.b / possible.length) })
  }
}
