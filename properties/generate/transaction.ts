/**
 * The actions of configured producers, transactions and exactly-once members:
 * enabled only when the config names producers or has an `exactly-once`
 * group, so every other config decodes the same choices to the same commands
 * as before transactions existed.
 *
 * Faults come with them: lost acknowledgements (`ackLost`) and retries,
 * producer crashes, zombies (a fenced producer that keeps going, a sibling
 * instance sharing a transactional id, an expired exactly-once member that
 * keeps processing) and clock advances aimed at a transaction's timeout.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { transactionTimeoutMsDefault } from "../../spec/config.ts"
import { exactlyOnceStepsOf } from "../driver/exactlyOnce.ts"
import type { ProducerView } from "../driver/producer.ts"
import { isZombieProducer } from "../driver/producer.ts"
import { sendValueOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"
import { keyIndexMax, keyOfIndex } from "./keys.ts"
import { pollSizeBoundaryFrom, pollSizesAtLimits } from "./limits.ts"

const producerNames = new WeakMap<Config, { readonly plain: ReadonlyArray<string>; readonly transactional: ReadonlyArray<string> }>()

/** The configured producers, split into those without and with a transactional id (memoised per config). */
export const configuredProducersOf = (config: Config) => {
  let names = producerNames.get(config)
  if (names === undefined) {
    const producers = config.producers ?? []
    names = {
      plain: producers.filter((p) => p.transactionalId === undefined).map((p) => p.name),
      transactional: producers.filter((p) => p.transactionalId !== undefined).map((p) => p.name)
    }
    producerNames.set(config, names)
  }
  return names
}

/**
 * A send by `producer`: `b` picks the topic and, one time in four, loses the
 * acknowledgement; `c` picks the key as the generic send does (even: none).
 */
const sendOf = (context: DecodeContext, producer: string, b: number, c: number): Command => {
  const { bounds, topics } = context.config
  const topic = pick(topics, b).name
  const ackLost = Math.floor(b / topics.length) % 4 === 0 ? { ackLost: true as const } : {}
  return c % 2 === 0
    ? { _tag: "ProducerSend", producer, topic, value: sendValueOf(context), ...ackLost }
    : { _tag: "ProducerSend", producer, topic, key: keyOfIndex(Math.min(c >> 1, keyIndexMax), bounds.keysMax), value: sendValueOf(context), ...ackLost }
}

/** A configured producer without a transactional id (idempotent or plain) sends; some acknowledgements are lost. */
export const produce: Action = {
  name: "produce",
  weight: 8,
  enabled: (context) => context.config.topics.length > 0 && configuredProducersOf(context.config).plain.length > 0,
  make: (context, { a, b, c }) => sendOf(context, pick(configuredProducersOf(context.config).plain, a), b, c)
}

const pendingOf = (context: DecodeContext): ReadonlyArray<ProducerView> => {
  const pending: Array<ProducerView> = []
  if (!context.driver.transactional) return pending
  for (const producer of context.driver.producers.values()) if (producer.pending !== undefined) pending.push(producer)
  return pending
}

/** A producer whose last send lost its acknowledgement retries it (`c` divisible by 4: this answer is lost too). */
export const retry: Action = {
  name: "retry",
  weight: 10,
  enabled: (context) => pendingOf(context).length > 0,
  make: (context, { a, c }) => {
    const producer = pick(pendingOf(context), a).name
    return c % 4 === 0 ? { _tag: "ProducerRetry", producer, ackLost: true } : { _tag: "ProducerRetry", producer }
  }
}

/**
 * What a configured transactional producer may do in its state: initialize
 * (which fences its sibling sharing the transactional id), begin, send
 * (some acknowledgements lost), commit, abort; a fenced one keeps going
 * (a zombie) or initializes again.
 */
const transactionalStepsOf = (context: DecodeContext, producer: ProducerView, b: number, c: number): ReadonlyArray<Command> => {
  const name = producer.name
  const init: Command = { _tag: "ProducerInit", producer: name }
  if (producer.epoch === undefined) return [init]
  if (producer.fenced) return [init, sendOf(context, name, b, c >> 3), { _tag: "TxnCommit", producer: name }]
  if (!producer.inTransaction) return [{ _tag: "TxnBegin", producer: name }, { _tag: "TxnBegin", producer: name }, init]
  const send = sendOf(context, name, b, c >> 3)
  return [send, send, send, send, send, { _tag: "TxnCommit", producer: name }, { _tag: "TxnCommit", producer: name }, { _tag: "TxnAbort", producer: name }, init]
}

/** A configured transactional producer takes the next step of its transactions (`a` picks it, `c` the step). */
export const transactionalProducer: Action = {
  name: "transactional producer",
  weight: 12,
  enabled: (context) => context.config.topics.length > 0 && configuredProducersOf(context.config).transactional.length > 0,
  make: (context, { a, b, c }) => {
    const name = pick(configuredProducersOf(context.config).transactional, a)
    const producer = context.driver.producers.get(name)
    if (producer === undefined) return { _tag: "ProducerInit", producer: name }
    return pick(transactionalStepsOf(context, producer, b, c), c)
  }
}

/**
 * A zombie producer the answers revealed (its transactional id has a newer
 * epoch than the one it holds) keeps going: it sends, or commits.
 */
export const zombieProducer: Action = {
  name: "zombie producer",
  weight: 3,
  enabled: (context) => zombieProducersOf(context).length > 0,
  make: (context, { a, b, c }) => {
    const producer = pick(zombieProducersOf(context), a)
    return c % 2 === 0 || !producer.inTransaction ? sendOf(context, producer.name, b, c >> 1) : { _tag: "TxnCommit", producer: producer.name }
  }
}

const zombieProducersOf = (context: DecodeContext): ReadonlyArray<ProducerView> => {
  const zombies: Array<ProducerView> = []
  if (!context.driver.transactional || context.driver.epochs.size === 0) return zombies
  for (const producer of context.driver.producers.values()) {
    if (!producer.fenced && producer.inTransaction && isZombieProducer(context.driver.epochs, producer)) zombies.push(producer)
  }
  return zombies
}

/** A configured producer's process dies (its client state is gone; the broker keeps its open transaction). */
export const producerCrash: Action = {
  name: "producer crash",
  weight: 2,
  enabled: (context) => (context.config.producers?.length ?? 0) > 0,
  make: (context, { a }) => ({ _tag: "ProducerCrash", producer: pick(context.config.producers ?? [], a).name })
}

/**
 * The running exactly-once members, current ones first, then those the
 * answers show are zombies (expired, or of an older generation than the
 * group's latest): small choice values, which fast-check draws often, pick
 * current members, so a zombie tends to act late, after the new owner of its
 * partitions moved on, which is when its keeping going matters.
 */
const exactlyOnceMembersOf = (context: DecodeContext): ReadonlyArray<Slot> => {
  const current = (slot: Slot) => slot.member.listed && slot.member.generation === slot.group.generation
  return [...context.exactlyOnce.filter(current), ...context.exactlyOnce.filter((slot) => !current(slot))]
}

/**
 * A running exactly-once member (a zombie included) takes a step of its
 * protocol: `a` picks the member (see {@link exactlyOnceMembersOf}), `c` one
 * of the steps it allows now (see `exactlyOnceStepsOf`); a poll with `b` from
 * `pollSizeBoundaryFrom` on asks for a size at a limit (as the generic poll
 * does), so some polls have room left when an open transaction stops them.
 */
export const exactlyOnce: Action = {
  name: "exactly-once",
  weight: 140,
  enabled: (context) => context.exactlyOnce.length > 0,
  make: (context, { a, b, c }) => {
    const slot = pick(exactlyOnceMembersOf(context), a)
    const command = pick(exactlyOnceStepsOf(context.driver, slot.group, slot.member, context.config.bounds.recordsPerPollMax), c)
    if (command._tag !== "ConsumerPoll" || b < pollSizeBoundaryFrom) return command
    return { ...command, recordsMax: pick(pollSizesAtLimits(context, slot), b - pollSizeBoundaryFrom) }
  }
}

const openAtCoordinatorOf = (context: DecodeContext): ReadonlyArray<ProducerView> => {
  const open: Array<ProducerView> = []
  if (!context.driver.transactional) return open
  for (const producer of context.driver.producers.values()) if (producer.transactionStartMs !== undefined) open.push(producer)
  return open
}

/** The ages of a transaction a clock advance aims at, for timeout `T`: 1 ms before it times out, when it does, 1 ms after, and `T/2`. */
export const transactionAgesAimedMs = (transactionTimeoutMs: number): ReadonlyArray<number> => [
  transactionTimeoutMs - 1,
  transactionTimeoutMs,
  transactionTimeoutMs + 1,
  Math.floor(transactionTimeoutMs / 2)
]

/**
 * Time passes up to an age of an open transaction (`a` picks the producer,
 * `c` the age, see {@link transactionAgesAimedMs}); an age it is already past
 * gives a zero advance.
 */
export const transactionClock: Action = {
  name: "transaction clock",
  weight: 4,
  enabled: (context) => openAtCoordinatorOf(context).length > 0,
  make: (context, { a, c }) => {
    const producer = pick(openAtCoordinatorOf(context), a)
    const ageMs = pick(transactionAgesAimedMs(context.config.transactionTimeoutMs ?? transactionTimeoutMsDefault), c)
    return { _tag: "ClockAdvance", ms: Math.max(0, (producer.transactionStartMs ?? 0) + ageMs - context.driver.nowMs) }
  }
}
