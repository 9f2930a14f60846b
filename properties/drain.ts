/**
 * The final drain, run after the choices: decided online from the
 * application's view like the rest of the run, and bounded, so a broken
 * target that never drains still ends.
 *
 * 0. Recover (configs with a failure policy, see spec/failure.ts): every
 *    covered group's downstream comes back (`DownstreamUp`), as the
 *    dependency recovers before the backlog is worked off.
 * 1. Settle: every running member (zombies included) processes what its
 *    protocol lets it process, and every running queue consumer finishes
 *    each receipt it holds by its queue's protocol (one step at a time in
 *    receive order: process and acknowledge, or acknowledge and process
 *    what that deleted; an inspector of a dead-letter queue releases what
 *    it holds, the last first); on a transactional config (see
 *    `isTransactionalConfig`), every running exactly-once member then
 *    finishes its open transaction (sends its offsets and commits, or aborts
 *    one that can no longer commit), and every configured transactional
 *    producer with a begun transaction commits it. A member of a group
 *    with a failure policy retries as its drainer does (below): the clock
 *    moves to its retry times and to the breaker's cool-down ends, and it
 *    gives a record's partition up after `attemptsGivenUpAt` failed attempts.
 * 2. Expire: the clock moves by `sessionTimeoutMs` (on a transactional
 *    config by the larger of it and `transactionTimeoutMs`), so every session
 *    expires and every transaction still open times out.
 * 2a. Redrive (configs with dead-letter topics): every covered group that
 *    dead-lettered records and has not redriven them (`DeadLetterRedrive`),
 *    in configuration order, as the domain text's runbook says once the
 *    dependency is back: before any group drains, so every group reading a
 *    source topic finds the redriven records there.
 * 3. Relay (configs with services): every `outbox` service's relay publishes
 *    (`RelayPublish`) until it answers `OutboxEmpty` (or anything but
 *    `Relayed`), so every committed event reaches its topic before the groups
 *    drain.
 * 4. Drain, group by group (exactly-once groups first, then the others in
 *    configuration order): a fresh member `drainer` joins and loops poll
 *    (`drainRecordsMax` records) → at-most-once: commit, then process all;
 *    at-least-once: process all, then commit; exactly-once (after its
 *    producer initialized): begin, process all, send the offsets, commit →
 *    until a poll delivers nothing new (nothing at all on a correct broker;
 *    only records this drainer was already given on one that redelivers
 *    without cause). In a group with a failure policy the drainer retries a
 *    failed record as its policy lets it: the clock moves to the retry time
 *    or to the end of the breaker's cool-down (never a whole session at
 *    once) and the drainer heartbeats, and so do the drainers of the groups
 *    drained before (so none expires); after `attemptsGivenUpAt` failed
 *    attempts at one record, or five backoff refusals in a row, it gives the
 *    record up and leaves the rest of its partition (blocked: the naive
 *    consumer's fate, or a broken target's); a breaker that still refuses
 *    after the wait for its cool-down makes it give up altogether. A poll of an `autoOffsetReset: none` group
 *    refused below the log start is followed by a seek to the log start.
 * 5. Queues (configs with queues): queue by queue in configuration order,
 *    skipping dead-letter queues, a consumer `drainer` loops receive
 *    (`drainRecordsMax` messages) → each receipt in receive order, by its
 *    queue's protocol (at-least-once: process, then acknowledge;
 *    at-most-once: acknowledge, then process if that deleted it) → until a
 *    receive gives no message it was not given before; then the blocked
 *    sends of the producers' backlog are sent again one at a time (each
 *    enqueued one goes back to the loop; one blocked again ends the
 *    queue's drain); then `ObserverQueue`
 *    lists every queue, dead-letter queues included, so the checkers see
 *    what stayed where. The expiry of step 2 also reaches past every
 *    visibility end the answers showed, so nothing is in flight when the
 *    queues drain and every message at its receive limit has moved to its
 *    dead-letter queue.
 * 6. Observe (transactional configs, configs reaching outside the broker,
 *    see `isExternalConfig`, and configs with a failure policy or a retained
 *    topic): `ObserverDump` of every partition
 *    of every topic from offset 0, a page of `drainRecordsMax` entries at a
 *    time up to the high watermark, then `ObserverOffsets` of every group the
 *    drain covers, so the checkers see every log whole; then `ObserverEffects`
 *    of every group with an effect the drain covers, and `ObserverService` of
 *    every service, so they see every table outside the broker.
 *
 * On a correct broker this makes every acknowledged send processed by every
 * at-least-once group subscribed to its topic.
 *
 * A drain can be restricted to some groups (`drainGroups`, see
 * {@link drainInit}): it then settles and drains only those groups' members
 * (configured producers still commit, outboxes are still relayed, every
 * partition and every service is still listed),
 * and an empty list means no drain at all (a minimized counterexample keeps
 * only the drain its verdict needs).
 *
 * @module
 */
import type { Command } from "../spec/command.ts"
import type { Config, GroupConfig } from "../spec/config.ts"
import { memberProducerName, transactionTimeoutMsDefault } from "../spec/config.ts"
import type { Response } from "../spec/response.ts"
import type { Driver, GroupView, MemberView } from "./driver/driver.ts"
import { drainerName, isExternalConfig, isTransactionalConfig } from "./driver/driver.ts"
import { exactlyOnceOffsetsOf, memberProducerOf } from "./driver/exactlyOnce.ts"
import { commitOffsetsOf, firstProcessableOf } from "./driver/protocol.ts"
import { queueDrainerName, queueNextStepOf } from "./driver/queue.ts"
import { attemptOf, attemptsGivenUpAt } from "./driver/failure.ts"
import { partitionKey } from "./driver/driver.ts"
import { processableOf } from "./driver/protocol.ts"

/** The `recordsMax` of the drainer's polls, and the `entriesMax` of the drain's dumps. */
export const drainRecordsMax = 1000

/**
 * Where the drainer of one group is in its loop (`Init`, `Begin` and
 * `SendOffsets` only in an exactly-once group, whose `Commit` commits the
 * transaction).
 */
export type DrainStage = "Join" | "Init" | "Poll" | "Seek" | "Begin" | "Process" | "Heartbeat" | "SendOffsets" | "Commit"

/** Where the drain is (`group` is a group's index in the config, `topic` a topic's). */
export type DrainPhase =
  | { readonly _tag: "Recover"; readonly group: number }
  | { readonly _tag: "Redrive"; readonly group: number }
  | { readonly _tag: "Settle" }
  | { readonly _tag: "Expire" }
  | { readonly _tag: "Relay"; readonly service: number }
  | { readonly _tag: "Drain"; readonly group: number; readonly stage: DrainStage }
  | { readonly _tag: "Dump"; readonly topic: number; readonly partition: number; readonly offset: number }
  | { readonly _tag: "Offsets"; readonly group: number }
  | { readonly _tag: "Effects"; readonly group: number }
  | { readonly _tag: "Service"; readonly service: number }
  | { readonly _tag: "QueueDrain"; readonly queue: number; readonly stage: "Receive" | "Work" | "Flush" }
  | { readonly _tag: "QueueList"; readonly queue: number }
  | { readonly _tag: "Done" }

/**
 * The drain's progress: its phase, how many commands it issued, its budget,
 * the records (`topic/partition@offset`) the current drainer was given, the
 * groups it covers (`undefined`: every group), and, for a drainer of a group
 * with a failure policy, the partitions it gave up as blocked and the
 * refusals in a row of its current record.
 */
export interface Drain {
  readonly phase: DrainPhase
  readonly steps: number
  readonly stepsMax: number
  readonly delivered: ReadonlySet<string>
  readonly groups: ReadonlySet<string> | undefined
  readonly blocked: ReadonlySet<string>
  readonly refusals: number
}

/** Refusals in a row (`BackoffPending`) after which the drain gives a record up. */
const refusalsMax = 5

/** `BreakerOpen` refusals in a row (the second comes after a wait for the cool-down) after which the drain gives a member up. */
const breakerRefusalsMax = 2

const partitionsTotalOf = (config: Config): number => config.topics.reduce((sum, topic) => sum + topic.partitions, 0)

/**
 * The drain's budget after `commandsRun` commands: enough for a correct
 * broker (every buffered record processed, then in each group one join, a
 * few polls and commits, and one process per record; on a transactional
 * config also the transactions settled, each exactly-once drainer's init,
 * begins, offsets and commits, and a few dump pages per partition), with
 * slack.
 */
export const drainStepsMax = (config: Config, commandsRun: number): number => {
  const groups = config.groups.length
  const base = commandsRun * (config.bounds.recordsPerPollMax + groups) +
    groups * (8 + Math.ceil(commandsRun / drainRecordsMax) * 2) + 8
  const queued = base + queueStepsMax(config, commandsRun) + failureStepsMax(config, commandsRun)
  if (!isTransactionalConfig(config)) return isExternalConfig(config) ? queued + externalStepsMax(config, commandsRun) : queued
  const pages = 2 + Math.ceil((4 * commandsRun + 8) / drainRecordsMax)
  return queued + 3 * commandsRun + groups * (8 + Math.ceil(commandsRun / drainRecordsMax) * 4) +
    partitionsTotalOf(config) * pages + groups + (config.producers?.length ?? 0) +
    (isExternalConfig(config) ? externalStepsMax(config, commandsRun) : 0)
}

/**
 * The drain's extra budget on a config reaching outside the broker: each
 * outbox relays at most one row per earlier command (a write adds one row)
 * and answers `OutboxEmpty` once; the groups drain records the services
 * published (each write and relay appends at most one); the dumps (on a
 * config that is not transactional), and the two observers per group and
 * service.
 */
const externalStepsMax = (config: Config, commandsRun: number): number => {
  const services = config.services ?? []
  const outboxes = services.filter((service) => service.publish === "outbox").length
  const groups = config.groups.length
  const pages = 2 + Math.ceil((2 * commandsRun + 8) / drainRecordsMax)
  return outboxes * (commandsRun + 1) + 2 * commandsRun * groups + partitionsTotalOf(config) * pages + 2 * groups + services.length
}

/**
 * The drain's extra budget on a config with failure policies or retention:
 * the recovery, and per group with a policy, for every record (at most
 * `recordsPerPollMax + 1` per earlier command, a redrive's included) up to
 * `attemptsGivenUpAt` attempts, each with a wait and a heartbeat, plus the
 * refusals; the seeks after refused polls; the dumps.
 */
const failureStepsMax = (config: Config, commandsRun: number): number => {
  const failing = config.groups.filter((group) => group.failure !== undefined)
  const retained = config.topics.some((topic) => topic.retentionMs !== undefined || topic.retentionRecordsMax !== undefined)
  if (failing.length === 0 && !retained) return 0
  const records = (commandsRun + 1) * (config.bounds.recordsPerPollMax + 1)
  let steps = 2 * failing.length + (retained ? config.groups.length * (commandsRun + 2) : 0)
  // Settling members and the drainer each attempt a record up to its policy's limit, with a wait (and the drainers' heartbeats) per attempt.
  for (const group of failing) steps += 2 * records * ((3 + config.groups.length) * attemptsGivenUpAt(group.failure!) + 2 * refusalsMax + 2)
  const pages = 2 + Math.ceil((4 * commandsRun + 8) / drainRecordsMax)
  return steps + partitionsTotalOf(config) * pages + config.groups.length
}

/**
 * The drain's extra budget on a config with queues: every receipt held at
 * the end of the run (at most `recordsPerPollMax` per earlier command)
 * takes two settling steps; every message (at most one per earlier command)
 * is sent again once if a `block` queue blocked it (and received once more),
 * and received, processed and acknowledged once, each receive gives at least
 * one new message but the last, and every queue is listed once.
 */
const queueStepsMax = (config: Config, commandsRun: number): number => {
  const queues = config.queues?.length ?? 0
  return queues === 0 ? 0 : (2 * config.bounds.recordsPerPollMax + 5) * commandsRun + 4 * queues + 2
}

/**
 * A drain about to start after `commandsRun` commands, covering the groups
 * named in `drainGroups` (absent: every group; empty: none, so the drain
 * issues no command at all).
 */
export const drainInit = (config: Config, commandsRun: number, drainGroups?: ReadonlyArray<string> | undefined): Drain => ({
  phase: drainGroups !== undefined && drainGroups.length === 0
    ? { _tag: "Done" }
    : config.groups.some((group) => group.failure !== undefined) ? { _tag: "Recover", group: 0 } : { _tag: "Settle" },
  steps: 0,
  stepsMax: drainStepsMax(config, commandsRun),
  delivered: new Set(),
  groups: drainGroups === undefined ? undefined : new Set(drainGroups),
  blocked: new Set(),
  refusals: 0
})

const covers = (drain: Drain, group: string): boolean => drain.groups === undefined || drain.groups.has(group)

const drainOrders = new WeakMap<Config, ReadonlyArray<number>>()

/** The order groups are drained in (indexes in the config): exactly-once groups first, then the others, each in configuration order. */
export const drainOrderOf = (config: Config): ReadonlyArray<number> => {
  let order = drainOrders.get(config)
  if (order === undefined) {
    const indexes = config.groups.map((_, i) => i)
    order = [
      ...indexes.filter((i) => config.groups[i].mode === "exactly-once"),
      ...indexes.filter((i) => config.groups[i].mode !== "exactly-once")
    ]
    drainOrders.set(config, order)
  }
  return order
}

/** The exactly-once member's step that finishes its open transaction, if it has one. */
const finishTransaction = (driver: Driver, group: GroupView, member: MemberView): Command | undefined => {
  const producer = memberProducerOf(driver, group.name, member.name)
  if (producer === undefined || !producer.inTransaction) return undefined
  const name = producer.name
  if (!member.txnBegun || member.txnDoomed || producer.fenced) return { _tag: "TxnAbort", producer: name }
  if (member.txnProcessed.length > 0 && !member.txnOffsetsSent) {
    return { _tag: "TxnSendOffsets", producer: name, group: group.name, member: member.name, offsets: exactlyOnceOffsetsOf(member) }
  }
  return { _tag: "TxnCommit", producer: name }
}

const settleCommand = (drain: Drain, driver: Driver, config: Config): Command | undefined => {
  for (const group of driver.groups) {
    if (!covers(drain, group.name) || group.mode === "exactly-once") continue
    for (const member of group.members) {
      if (!member.running) continue
      if (group.failure !== undefined) {
        const step = failureStep(drain, config, group, member, driver)
        if (typeof step === "object") return step
        continue
      }
      const first = firstProcessableOf(group, member)
      if (first !== undefined) {
        return {
          _tag: "ConsumerProcess",
          group: group.name,
          member: member.name,
          topic: first.topic,
          partition: first.partition,
          offset: first.offset
        }
      }
    }
  }
  for (const queue of driver.queues) {
    for (const consumer of queue.consumers) {
      if (!consumer.running) continue
      const command = queueNextStepOf(queue, consumer)
      if (command !== undefined) return command
    }
  }
  if (!driver.transactional) return undefined
  for (const group of driver.groups) {
    if (!covers(drain, group.name) || group.mode !== "exactly-once") continue
    for (const member of group.members) {
      if (!member.running) continue
      const command = finishTransaction(driver, group, member)
      if (command !== undefined) return command
    }
  }
  for (const producer of config.producers ?? []) {
    if (producer.transactionalId === undefined) continue
    if (driver.producers.get(producer.name)?.inTransaction === true) return { _tag: "TxnCommit", producer: producer.name }
  }
  return undefined
}

const emitted = (drain: Drain, command: Command, phase: DrainPhase) => ({
  command,
  drain: { ...drain, phase, steps: drain.steps + 1 }
})

const withPhase = (drain: Drain, phase: DrainPhase): Drain => ({ ...drain, phase })

/** Whether the drain ends with the observers: on a transactional config, one reaching outside the broker, one with a failure policy or a retained topic. */
const observes = (config: Config): boolean =>
  isTransactionalConfig(config) || isExternalConfig(config) ||
  config.groups.some((group) => group.failure !== undefined) ||
  config.topics.some((topic) => topic.retentionMs !== undefined || topic.retentionRecordsMax !== undefined)

/** The phase after the queues: the observer's dumps when the drain {@link observes}, else the end. */
const afterQueues = (config: Config): DrainPhase =>
  observes(config) ? { _tag: "Dump", topic: 0, partition: 0, offset: 0 } : { _tag: "Done" }

/** The phase after the groups: the queues' drain on a config with queues, else {@link afterQueues}. */
const afterGroups = (config: Config): DrainPhase =>
  (config.queues?.length ?? 0) > 0 ? { _tag: "QueueDrain", queue: 0, stage: "Receive" } : afterQueues(config)

/** The relay phase of the first `outbox` service at index `from` or later, or the groups' drain when there is none. */
const relayFrom = (config: Config, from: number): DrainPhase => {
  const services = config.services ?? []
  for (let i = from; i < services.length; i++) if (services[i].publish === "outbox") return { _tag: "Relay", service: i }
  return groupAt(config, 0)
}

/** The phase that drains the group at position `position` of the drain order (or what follows the groups). */
const groupAt = (config: Config, position: number): DrainPhase => {
  const group = drainOrderOf(config)[position]
  return group === undefined ? afterGroups(config) : { _tag: "Drain", group, stage: "Join" }
}

const nextGroup = (config: Config, group: number): DrainPhase => groupAt(config, drainOrderOf(config).indexOf(group) + 1)

/** The dump of the partition after `(topic, partition)`, or the offsets phase. */
const nextPartition = (config: Config, topic: number, partition: number): DrainPhase => {
  if (partition + 1 < (config.topics[topic]?.partitions ?? 0)) return { _tag: "Dump", topic, partition: partition + 1, offset: 0 }
  return topic + 1 < config.topics.length ? { _tag: "Dump", topic: topic + 1, partition: 0, offset: 0 } : { _tag: "Offsets", group: 0 }
}

/** The drainer's next command in its group's loop, or the stage to move on to when the current one has nothing to do. */
const drainerCommand = (
  drain: Drain,
  config: Config,
  group: GroupView,
  drainer: MemberView | undefined,
  driver: Driver,
  stage: DrainStage
): Command | DrainStage => {
  const address = { group: group.name, member: drainerName }
  const producer = memberProducerName(group.name, drainerName)
  const mode = group.mode
  switch (stage) {
    case "Join":
      return { _tag: "GroupJoin", ...address }
    case "Init":
      return { _tag: "ProducerInit", producer }
    case "Poll":
      return { _tag: "ConsumerPoll", ...address, recordsMax: drainRecordsMax }
    case "Seek": {
      const entry = drainer?.outOfRange[0]
      return entry === undefined ? "Poll" : { _tag: "ConsumerSeek", ...address, ...entry }
    }
    case "Heartbeat": {
      // After a wait every drainer so far (this group's and the earlier groups') heartbeats, so no drained group's member expires.
      const stale = drainersToHeartbeat(config, driver, group.name)
      return stale === undefined ? "Process" : { _tag: "ConsumerHeartbeat", group: stale, member: drainerName }
    }
    case "Begin":
      return { _tag: "TxnBegin", producer }
    case "Process": {
      if (group.failure !== undefined && drainer !== undefined) {
        const retry = failureStep(drain, config, group, drainer, driver)
        if (retry !== undefined) return retry
      }
      const first = drainer === undefined ? undefined : firstProcessableOf(group, drainer)
      if (first !== undefined) {
        const { offset, partition, topic } = first
        return { _tag: "ConsumerProcess", ...address, topic, partition, offset }
      }
      return mode === "at-least-once" ? "Commit" : mode === "exactly-once" ? "SendOffsets" : "Poll"
    }
    case "SendOffsets": {
      const offsets = drainer === undefined ? [] : exactlyOnceOffsetsOf(drainer)
      return offsets.length > 0 ? { _tag: "TxnSendOffsets", producer, ...address, offsets } : "Commit"
    }
    case "Commit": {
      if (mode === "exactly-once") {
        return memberProducerOf(driver, group.name, drainerName)?.inTransaction === false ? "Poll" : { _tag: "TxnCommit", producer }
      }
      const offsets = drainer === undefined ? [] : commitOffsetsOf(group, drainer)
      if (offsets.length > 0) return { _tag: "ConsumerCommit", ...address, offsets }
      return mode === "at-least-once" ? "Poll" : "Process"
    }
  }
}

/**
 * The first group, in drain order up to `current`, whose drainer is running,
 * listed and not heard from at the current clock: after the drain moves the
 * clock it heartbeats, so that waiting for one group's retries does not
 * expire the drainers of the groups drained before it.
 */
const drainersToHeartbeat = (config: Config, driver: Driver, current: string): string | undefined => {
  for (const index of drainOrderOf(config)) {
    const group = driver.groups[index]
    if (group === undefined) continue
    const drainer = group.members.find((member) => member.name === drainerName)
    if (drainer !== undefined && drainer.running && drainer.listed && drainer.lastHeardMs < driver.nowMs) return group.name
    if (group.name === current) return undefined
  }
  return undefined
}

/**
 * The next step of a member of a group with a failure policy, in the
 * settling or as the group's drainer: the first record its protocol lets it
 * process outside the partitions it gave up, or, when its retry time or the
 * breaker's cool-down is ahead, the clock moving there (at most
 * `sessionTimeoutMs - 1` at once, so the drainer's heartbeat that follows
 * keeps its session). Nothing left: the drainer's next stage.
 */
const failureStep = (drain: Drain, config: Config, group: GroupView, member: MemberView, driver: Driver): Command | DrainStage | undefined => {
  if (drain.blocked.has(memberBlockedKey(group.name, member.name))) return group.mode === "at-least-once" ? "Commit" : "Poll"
  const next = processableOf(group, member).find((delivery) => !drain.blocked.has(blockedKey(group.name, member.name, delivery)))
  if (next === undefined) return group.mode === "at-least-once" ? "Commit" : "Poll"
  const waitUntilMs = Math.max(attemptOf(member, next)?.retryAtMs ?? 0, group.failure?.breakerUntilMs ?? 0)
  if (waitUntilMs > driver.nowMs) return { _tag: "ClockAdvance", ms: Math.min(waitUntilMs - driver.nowMs, config.sessionTimeoutMs - 1) }
  const { offset, partition, topic } = next
  return { _tag: "ConsumerProcess", group: group.name, member: member.name, topic, partition, offset }
}

/** The key in {@link Drain.blocked} of a member given up whole (its group's breaker stayed open after a wait for it): `<group>/<member>|*`. */
const memberBlockedKey = (group: string, member: string): string => `${group}/${member}|*`

/** The key of a member's partition in {@link Drain.blocked}: `<group>/<member>|<topic>/<partition>`. */
const blockedKey = (group: string, member: string, place: { readonly topic: string; readonly partition: number }): string =>
  `${group}/${member}|${partitionKey(place.topic, place.partition)}`

/**
 * The drain's next command and its state once the command is issued, or
 * `undefined` when the drain is over (finished, or out of budget).
 */
export const drainNext = (
  drain: Drain,
  driver: Driver,
  config: Config
): { readonly command: Command; readonly drain: Drain } | undefined => {
  if (drain.steps >= drain.stepsMax) return undefined
  let phase = drain.phase
  for (;;) {
    switch (phase._tag) {
      case "Done":
        return undefined
      case "Redrive": {
        const group = config.groups[phase.group]
        if (group === undefined) {
          phase = relayFrom(config, 0)
          continue
        }
        if ((driver.groups[phase.group]?.failure?.deadLetters ?? 0) === 0 || !covers(drain, group.name)) {
          phase = { _tag: "Redrive", group: phase.group + 1 }
          continue
        }
        return emitted(drain, { _tag: "DeadLetterRedrive", group: group.name }, phase)
      }
      case "Recover": {
        const group = config.groups[phase.group]
        if (group === undefined) {
          phase = { _tag: "Settle" }
          continue
        }
        if (group.failure === undefined || !covers(drain, group.name)) {
          phase = { _tag: "Recover", group: phase.group + 1 }
          continue
        }
        return emitted(drain, { _tag: "DownstreamUp", group: group.name }, phase)
      }
      case "Settle": {
        const command = settleCommand(drain, driver, config)
        if (command !== undefined) return emitted(drain, command, phase)
        phase = { _tag: "Expire" }
        continue
      }
      case "Relay": {
        const service = config.services?.[phase.service]
        if (service === undefined) {
          phase = groupAt(config, 0)
          continue
        }
        return emitted(drain, { _tag: "RelayPublish", service: service.name }, phase)
      }
      case "Expire": {
        const ms = isTransactionalConfig(config)
          ? Math.max(config.sessionTimeoutMs, config.transactionTimeoutMs ?? transactionTimeoutMsDefault)
          : config.sessionTimeoutMs
        return emitted(drain, { _tag: "ClockAdvance", ms: Math.max(ms, visibilityLeftMs(driver)) }, phase)
      }
      case "QueueDrain": {
        const queue = driver.queues[phase.queue]
        if (queue === undefined) {
          phase = { _tag: "QueueList", queue: 0 }
          continue
        }
        if (queue.deadLetter) {
          phase = { _tag: "QueueDrain", queue: phase.queue + 1, stage: "Receive" }
          continue
        }
        if (phase.stage === "Receive") {
          return emitted(drain, { _tag: "QueueReceive", queue: queue.name, consumer: queueDrainerName, messagesMax: drainRecordsMax }, phase)
        }
        if (phase.stage === "Flush") {
          const send = queue.blocked[0]
          if (send !== undefined) return emitted(drain, send, phase)
          phase = { _tag: "QueueDrain", queue: phase.queue + 1, stage: "Receive" }
          continue
        }
        const drainer = queue.consumers.find((consumer) => consumer.name === queueDrainerName)
        const command = drainer === undefined ? undefined : queueNextStepOf(queue, drainer)
        if (command !== undefined) return emitted(drain, command, phase)
        phase = { ...phase, stage: "Receive" }
        continue
      }
      case "QueueList": {
        const queue = config.queues?.[phase.queue]
        if (queue === undefined) {
          phase = afterQueues(config)
          continue
        }
        return emitted(drain, { _tag: "ObserverQueue", queue: queue.name }, phase)
      }
      case "Drain": {
        const group = driver.groups[phase.group]
        if (group === undefined) return undefined
        if (!covers(drain, group.name)) {
          phase = nextGroup(config, phase.group)
          continue
        }
        const drainer = group.members.find((member) => member.name === drainerName)
        const next = drainerCommand(drain, config, group, drainer, driver, phase.stage)
        if (typeof next === "string") {
          phase = { ...phase, stage: next }
          continue
        }
        return emitted(drain, next, phase)
      }
      case "Dump": {
        const topic = config.topics[phase.topic]
        if (topic === undefined) {
          phase = { _tag: "Offsets", group: 0 }
          continue
        }
        const command: Command = { _tag: "ObserverDump", topic: topic.name, partition: phase.partition, offset: phase.offset, entriesMax: drainRecordsMax }
        return emitted(drain, command, phase)
      }
      case "Offsets": {
        const group = config.groups[phase.group]
        if (group === undefined) {
          if (!isExternalConfig(config)) return undefined
          phase = { _tag: "Effects", group: 0 }
          continue
        }
        if (!covers(drain, group.name)) {
          phase = { _tag: "Offsets", group: phase.group + 1 }
          continue
        }
        return emitted(drain, { _tag: "ObserverOffsets", group: group.name }, phase)
      }
      case "Effects": {
        const group = config.groups[phase.group]
        if (group === undefined) {
          phase = { _tag: "Service", service: 0 }
          continue
        }
        if (group.effect === undefined || !covers(drain, group.name)) {
          phase = { _tag: "Effects", group: phase.group + 1 }
          continue
        }
        return emitted(drain, { _tag: "ObserverEffects", group: group.name }, phase)
      }
      case "Service": {
        const service = config.services?.[phase.service]
        if (service === undefined) return undefined
        return emitted(drain, { _tag: "ObserverService", service: service.name }, phase)
      }
    }
  }
}

/** The drainer's next stage after the answer to its command at `stage` (`undefined`: its group is done). */
const drainerObserve = (
  drain: Drain,
  config: Config,
  phase: Extract<DrainPhase, { readonly _tag: "Drain" }>,
  response: Response
): Drain => {
  const mode = config.groups[phase.group]?.mode
  const stage = (next: DrainStage): Drain => withPhase(drain, { ...phase, stage: next })
  const done = withPhase(drain, nextGroup(config, phase.group))
  switch (phase.stage) {
    case "Join":
      return {
        ...drain,
        phase: response._tag === "Joined" ? { ...phase, stage: mode === "exactly-once" ? "Init" : "Poll" } : nextGroup(config, phase.group),
        delivered: new Set(),
        blocked: new Set(),
        refusals: 0
      }
    case "Init":
      return response._tag === "ProducerInitialized" ? stage("Poll") : done
    case "Poll":
      if (response._tag === "Polled") {
        const fresh = response.records
          .map((record) => `${record.topic}/${record.partition}@${record.offset}`)
          .filter((record) => !drain.delivered.has(record))
        if (fresh.length === 0) return done
        return {
          ...drain,
          phase: { ...phase, stage: mode === "at-least-once" ? "Process" : mode === "exactly-once" ? "Begin" : "Commit" },
          delivered: new Set([...drain.delivered, ...fresh])
        }
      }
      if (response._tag === "OffsetOutOfRange" && response.logStartOffset !== undefined) return stage("Seek")
      return response._tag === "RebalanceInProgress" ? drain : done
    case "Seek":
      return response._tag === "Seeked" ? drain : done
    case "Heartbeat":
      // Another group's drainer may answer anything: its drain is over. This group's must still be in.
      return "group" in response && response.group !== config.groups[phase.group]?.name ? drain : response._tag === "HeartbeatOk" ? drain : done
    case "Begin":
      return response._tag === "TxnBegun" ? stage("Process") : done
    case "Process": {
      const failure = config.groups[phase.group]?.failure
      if (failure !== undefined) return failureObserved(drain, failure, phase, response)
      return mode !== "exactly-once" || response._tag === "Processed" ? drain : done
    }
    case "SendOffsets":
      return response._tag === "TxnOffsetsSent" ? stage("Commit") : done
    case "Commit":
      if (mode === "exactly-once") return response._tag === "TxnCommitted" ? stage("Poll") : done
      return stage(mode === "at-least-once" ? "Poll" : "Process")
  }
}

/**
 * The drain's state after a step of a member's failure handling (the
 * drainer's, `phase` given, or a settling member's): after a wait the
 * drainer heartbeats; a failed attempt at `attemptsGivenUpAt` or the
 * refusals in a row at {@link refusalsMax} give the member's partition up.
 */
const failureObserved = (
  drain: Drain,
  failure: NonNullable<GroupConfig["failure"]>,
  phase: Extract<DrainPhase, { readonly _tag: "Drain" }> | undefined,
  response: Response
): Drain => {
  const blocking = (place: { readonly group: string; readonly member: string; readonly topic: string; readonly partition: number }): Drain =>
    ({ ...drain, blocked: new Set([...drain.blocked, blockedKey(place.group, place.member, place)]), refusals: 0 })
  switch (response._tag) {
    case "ClockAdvanced":
      return phase === undefined ? drain : withPhase(drain, { ...phase, stage: "Heartbeat" })
    case "ProcessFailed":
      return response.attempt >= attemptsGivenUpAt(failure) ? blocking(response) : drain.refusals === 0 ? drain : { ...drain, refusals: 0 }
    case "BreakerOpen":
      // A breaker still open after the wait for its cool-down will not let this member through: the group's breaker refuses every record alike.
      return drain.refusals + 1 >= breakerRefusalsMax
        ? { ...drain, blocked: new Set([...drain.blocked, memberBlockedKey(response.group, response.member)]), refusals: 0 }
        : { ...drain, refusals: drain.refusals + 1 }
    case "BackoffPending":
      return drain.refusals + 1 >= refusalsMax ? blocking(response) : { ...drain, refusals: drain.refusals + 1 }
    default:
      return drain.refusals === 0 ? drain : { ...drain, refusals: 0 }
  }
}

/**
 * The drain's state after its last command was answered: the answer decides
 * where the drainer goes next (a poll that delivered nothing ends its group),
 * and where a dump goes on (the next page, or the next partition).
 */
export const drainObserve = (drain: Drain, config: Config, response: Response): Drain => {
  const phase = drain.phase
  switch (phase._tag) {
    case "Settle": {
      const failure = "group" in response ? config.groups.find((group) => group.name === response.group)?.failure : undefined
      return failure === undefined ? drain : failureObserved(drain, failure, undefined, response)
    }
    case "Done":
      return drain
    case "Recover":
      return withPhase(drain, { _tag: "Recover", group: phase.group + 1 })
    case "Expire":
      return withPhase(drain, { _tag: "Redrive", group: 0 })
    case "Redrive":
      return withPhase(drain, { _tag: "Redrive", group: phase.group + 1 })
    case "Relay":
      // An outbox relays until it answers anything but `Relayed` (`OutboxEmpty` on a correct target).
      return response._tag === "Relayed" ? drain : withPhase(drain, relayFrom(config, phase.service + 1))
    case "Drain":
      return drainerObserve(drain, config, phase, response)
    case "Dump": {
      if (response._tag === "Dumped") {
        const offset = Math.max(phase.offset, response.logStartOffset ?? 0) + response.entries.length
        if (response.entries.length > 0 && offset < response.highWatermark) return withPhase(drain, { ...phase, offset })
      }
      return withPhase(drain, nextPartition(config, phase.topic, phase.partition))
    }
    case "Offsets":
      return withPhase(drain, { _tag: "Offsets", group: phase.group + 1 })
    case "Effects":
      return withPhase(drain, { _tag: "Effects", group: phase.group + 1 })
    case "Service":
      return withPhase(drain, { _tag: "Service", service: phase.service + 1 })
    case "QueueDrain": {
      if (phase.stage === "Work") return drain
      const nextQueue = withPhase(drain, { _tag: "QueueDrain", queue: phase.queue + 1, stage: "Receive" })
      // A blocked send sent again: once enqueued, the drainer receives it; blocked again (a full queue the drain cannot empty), the queue is left.
      if (phase.stage === "Flush") return response._tag === "Enqueued" ? withPhase(drain, { ...phase, stage: "Receive" }) : nextQueue
      if (response._tag !== "Received") return nextQueue
      const fresh = response.messages.map((message) => `${response.queue}#${message.messageId}`).filter((message) => !drain.delivered.has(message))
      if (fresh.length === 0) return withPhase(drain, { ...phase, stage: "Flush" })
      return { ...drain, phase: { ...phase, stage: "Work" }, delivered: new Set([...drain.delivered, ...fresh]) }
    }
    case "QueueList":
      return withPhase(drain, { _tag: "QueueList", queue: phase.queue + 1 })
  }
}

/** How long until every visibility end the answers showed has passed (0 when none is ahead). */
const visibilityLeftMs = (driver: Driver): number => {
  let leftMs = 0
  for (const queue of driver.queues) for (const untilMs of queue.inFlightUntil.values()) leftMs = Math.max(leftMs, untilMs - driver.nowMs)
  return leftMs
}
