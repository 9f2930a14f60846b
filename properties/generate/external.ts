/**
 * The actions of external effects and services: enabled only when the config
 * reaches outside the broker (a group with an `effect`, or `services`; see
 * `isExternalConfig`), so every other config decodes the same choices to the
 * same commands as before.
 *
 * Faults come with them: a consumer process that dies midway through its
 * writes (`ConsumerProcess` with `crashMidway`), a service that dies midway
 * through a write, a relay that dies between its send and its mark, a
 * service retrying a request (an event it wrote already), and clock advances
 * aimed at a remembered id's dedup window, so redeliveries land on both sides
 * of it.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { dedupOrderOf } from "../../spec/config.ts"
import { exactlyOnceStepsOf } from "../driver/exactlyOnce.ts"
import type { ServiceView } from "../driver/external.ts"
import { freshEventOf } from "../driver/external.ts"
import { processableOf } from "../driver/protocol.ts"
import { addressOf } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import type { Slot } from "./internal/slots.ts"
import { pick } from "./internal/slots.ts"
import { keyIndexMax, keyOfIndex } from "./keys.ts"

const effectGroups = new WeakMap<Config, ReadonlySet<string>>()

/** The names of the groups with an effect (memoised per config). */
export const effectGroupsOf = (config: Config): ReadonlySet<string> => {
  let names = effectGroups.get(config)
  if (names === undefined) {
    names = new Set(config.groups.filter((group) => group.effect !== undefined).map((group) => group.name))
    effectGroups.set(config, names)
  }
  return names
}

/** The processings a member of a group with an effect may do now: its protocol's `ConsumerProcess` commands. */
const processingsOf = (context: DecodeContext, slot: Slot, recordsMax: number): ReadonlyArray<Command> => {
  if (slot.group.mode === "exactly-once") {
    return exactlyOnceStepsOf(context.driver, slot.group, slot.member, recordsMax).filter((command) => command._tag === "ConsumerProcess")
  }
  return processableOf(slot.group, slot.member).map(({ offset, partition, topic }) => ({
    _tag: "ConsumerProcess",
    ...addressOf(slot),
    topic,
    partition,
    offset
  }))
}

const twoWriteGroups = new WeakMap<Config, ReadonlySet<string>>()

/** The names of the `idempotency-key` groups whose key and effect are two writes (memoised per config). */
const twoWriteGroupsOf = (config: Config): ReadonlySet<string> => {
  let names = twoWriteGroups.get(config)
  if (names === undefined) {
    names = new Set(config.groups.filter((group) =>
      group.effect?.remedy === "idempotency-key" && dedupOrderOf(group.effect) !== "atomic").map((group) => group.name))
    twoWriteGroups.set(config, names)
  }
  return names
}

/**
 * Running members of groups with an effect that may process a record now
 * (exactly-once members too). Members of groups whose key and effect are two
 * writes are listed three times: only there does a crash midway fail in a
 * way of its own (a lost or a repeated effect), so it is aimed there more.
 */
const crashableOf = (context: DecodeContext): ReadonlyArray<Slot> => {
  if (!context.driver.external) return []
  const groups = effectGroupsOf(context.config)
  if (groups.size === 0) return []
  const twoWrites = twoWriteGroupsOf(context.config)
  const recordsMax = context.config.bounds.recordsPerPollMax
  const crashable = [...context.processing, ...context.exactlyOnce].filter((slot) =>
    groups.has(slot.group.name) && processingsOf(context, slot, recordsMax).length > 0)
  return crashable.flatMap((slot) => twoWrites.has(slot.group.name) ? [slot, slot, slot] : [slot])
}

/**
 * A member of a group with an effect processes a record its protocol lets it
 * process, and its process dies midway (after the first write).
 */
export const processCrash: Action = {
  name: "process-crash",
  weight: 14,
  enabled: (context) => crashableOf(context).length > 0,
  make: (context, { a, c }) => {
    const slot = pick(crashableOf(context), a)
    const command = pick(processingsOf(context, slot, context.config.bounds.recordsPerPollMax), c)
    return command._tag === "ConsumerProcess" ? { ...command, crashMidway: true } : command
  }
}

const servicesOf = (context: DecodeContext): ReadonlyArray<ServiceView> => context.driver.external ? context.driver.outside.services : []

/**
 * A service writes: `a` picks the service; `b % 4 === 0` kills it midway;
 * `b % 5 === 1`, when it wrote events before, repeats one (`c` picks it: a
 * retried request, `EventExists` once committed); else a fresh event `e<n>`
 * whose key `c` picks as a send's (even: none, else the run's key pool).
 */
export const serviceWrite: Action = {
  name: "service-write",
  weight: 16,
  enabled: (context) => servicesOf(context).length > 0,
  make: (context, { a, b, c }) => {
    const service = pick(servicesOf(context), a)
    const crash = b % 4 === 0 ? { crashMidway: true as const } : {}
    const event = b % 5 === 1 && service.events.length > 0 ? pick(service.events, c) : freshEventOf(context.driver.outside)
    return c % 2 === 0
      ? { _tag: "ServiceWrite", service: service.name, event, ...crash }
      : { _tag: "ServiceWrite", service: service.name, event, key: keyOfIndex(Math.min(c >> 1, keyIndexMax), context.config.bounds.keysMax), ...crash }
  }
}

/** Outbox services, those with rows waiting first. */
const outboxesOf = (context: DecodeContext): ReadonlyArray<ServiceView> => {
  const outboxes = servicesOf(context).filter((service) => service.outbox)
  return [...outboxes.filter((service) => service.pending > 0), ...outboxes.filter((service) => service.pending === 0)]
}

/** An outbox's relay publishes its oldest unpublished row (`a` picks the service, those with rows first); `b % 3 === 0` kills it between its send and its mark. */
export const relay: Action = {
  name: "relay",
  weight: 8,
  enabled: (context) => outboxesOf(context).length > 0,
  make: (context, { a, b }) => {
    const service = pick(outboxesOf(context), a)
    return b % 3 === 0 ? { _tag: "RelayPublish", service: service.name, crashMidway: true } : { _tag: "RelayPublish", service: service.name }
  }
}

/** When each remembered id's window ends (`recordedAtMs + dedupWindowMs`), over the groups with a window. */
const windowEndsOf = (context: DecodeContext): ReadonlyArray<number> => {
  if (!context.driver.external) return []
  const ends: Array<number> = []
  for (const dedup of context.driver.outside.dedup.values()) {
    if (dedup.windowMs === undefined) continue
    for (const remembered of dedup.remembered) ends.push(remembered.atMs + dedup.windowMs)
  }
  return ends
}

/** The offsets from a window's end a clock advance aims at: 1 ms before it (still remembered), at it and 1 ms after (forgotten). */
export const windowOffsetsAimedMs: ReadonlyArray<number> = [-1, 0, 1]

/**
 * Time passes up to a remembered id's window end (`a` picks the id): 1 ms
 * before, at, or 1 ms after it (`c`); an end already past gives a zero advance.
 */
export const windowClock: Action = {
  name: "window-clock",
  weight: 5,
  enabled: (context) => windowEndsOf(context).length > 0,
  make: (context, { a, c }) => {
    const endMs = pick(windowEndsOf(context), a) + pick(windowOffsetsAimedMs, c)
    return { _tag: "ClockAdvance", ms: Math.max(0, endMs - context.driver.nowMs) }
  }
}
