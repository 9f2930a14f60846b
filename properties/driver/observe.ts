/**
 * How the application's view learns from one answer.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { PartitionOffset, TopicPartition } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import type { Delivery, Driver, MemberView } from "./driver.ts"
import { memberIdle, partitionKey } from "./driver.ts"
import { updateMember, withGroup } from "./internal/update.ts"
import { externalObserve } from "./external.ts"
import { observeTransaction } from "./observeTransaction.ts"
import { queuesObserve } from "./queue.ts"
import { failureAppendsOf, failureObserve } from "./failure.ts"
import { retentionAppended, retentionObserve } from "./retention.ts"

const positionsEmpty: ReadonlyMap<string, number> = new Map()

/** The group and member a command addresses, if any. */
const addressOf = (command: Command): { readonly group: string; readonly member: string } | undefined =>
  "member" in command ? command : undefined

const sameAssignment = (a: ReadonlyArray<TopicPartition>, b: ReadonlyArray<TopicPartition>): boolean =>
  a.length === b.length && a.every((tp, i) => tp.topic === b[i].topic && tp.partition === b[i].partition)

/** The client adopts a generation and assignment and forgets its positions: a new epoch. */
const sync = (member: MemberView, generation: number, assignment: ReadonlyArray<TopicPartition>): MemberView => ({
  ...member,
  listed: true,
  generation,
  assignment,
  epoch: member.epoch + 1,
  positions: positionsEmpty,
  delivered: [],
  outOfRange: member.outOfRange.length === 0 ? member.outOfRange : []
})

/** The client is gone: buffer, positions and deliveries with it. */
const clientLost = (member: MemberView, listed: boolean): MemberView => ({
  ...memberIdle(member.name),
  listed,
  generation: member.generation,
  assignment: member.assignment,
  epoch: member.epoch,
  lastHeardMs: member.lastHeardMs
})

const isSame = (delivery: Delivery, topic: string, partition: number, offset: number): boolean =>
  delivery.topic === topic && delivery.partition === partition && delivery.offset === offset

/**
 * The buffer after the broker removed the first entry for this record. Under
 * at-most-once, processing used up the permission to process the record:
 * when the removed entry was not the cleared copy, the cleared copy takes
 * over the removed entry's epoch and stays uncleared (a commit of the
 * current epoch cannot clear it again), so the record is processed once.
 */
const removeFirst = (buffer: ReadonlyArray<Delivery>, topic: string, partition: number, offset: number) => {
  const index = buffer.findIndex((delivery) => isSame(delivery, topic, partition, offset))
  if (index < 0) return buffer
  const removed = buffer[index]
  const rest = buffer.slice()
  rest.splice(index, 1)
  if (!removed.cleared) {
    const cleared = rest.findIndex((delivery) => delivery.cleared && isSame(delivery, topic, partition, offset))
    if (cleared >= 0) rest[cleared] = { ...rest[cleared], epoch: removed.epoch, cleared: false }
  }
  return rest
}

const isBrokerCall = (command: Command): boolean =>
  command._tag === "GroupLeave" || command._tag === "ConsumerHeartbeat" || command._tag === "ConsumerPoll" ||
  command._tag === "ConsumerCommit" || command._tag === "TxnSendOffsets"

/**
 * The view after `command` was answered with `response`. Only the answer
 * teaches anything (an error changes nothing but what it reveals), and the
 * answer is trusted: this is how the application would follow a broken target.
 *
 * @example
 * ```ts
 * const driver = driverObserve(
 *   driverInit(configDefault),
 *   { _tag: "GroupJoin", group: "metrics", member: "m0" },
 *   { _tag: "Joined", group: "metrics", member: "m0", generation: 1, assignment: [{ topic: "orders", partition: 0 }] }
 * )
 * driver.groups[1].members[0].running // true
 * ```
 */
export const driverObserve = (driver: Driver, command: Command, response: Response): Driver => {
  const observed = driver.queues.length === 0 ? heard(observeAnswer(driver, command, response), command, response) : queued(heard(observeAnswer(driver, command, response), command, response), command, response)
  const transacted = driver.transactional ? observeTransaction(driver, observed, command, response._tag === "ProcessCrashed" ? crashedOf(response) : response) : observed
  const failed = driver.failures ? failing(transacted, command, response) : transacted
  const retained = driver.retention === undefined ? failed : retaining(failed, command, response)
  if (!driver.external) return retained
  return external(retained, command, response)
}

/** The view after the failure handling's answers: attempts, breaker, downstream, dead letters, and the records they appended. */
const failing = (driver: Driver, command: Command, response: Response): Driver => {
  const observed = failureObserve(driver, command, response)
  let raised = observed
  for (const place of failureAppendsOf(response)) raised = raisedTo(raised, place)
  return raised
}

/** The view of retained partitions after an answer: appends (sends, redrives) at the current clock, log starts that moved. */
const retaining = (driver: Driver, command: Command, response: Response): Driver => {
  const view = driver.retention!
  const places = response._tag === "Sent" && command._tag === "ProducerSend" ? [response] : failureAppendsOf(response)
  const appended = places.length === 0 ? view : retentionAppended(view, places, driver.nowMs)
  const retention = retentionObserve(appended, response)
  return retention === view ? driver : { ...driver, retention }
}

/** The view of systems outside the broker after an answer (configs that reach outside only). */
const external = (transacted: Driver, command: Command, response: Response): Driver => {
  const appended = appendedOutside(response)
  const raised = appended === undefined ? transacted : raisedTo(transacted, appended)
  return { ...raised, outside: externalObserve(raised.outside, command, response, raised.nowMs) }
}

/** The view after a queue answer: the queues learn from it, and a send to a queue uses up a value. */
const queued = (driver: Driver, command: Command, response: Response): Driver => {
  const queues = queuesObserve(driver.queues, command, response, driver.nowMs)
  const sendsCount = command._tag === "QueueSend" ? driver.sendsCount + 1 : driver.sendsCount
  return queues === driver.queues && sendsCount === driver.sendsCount ? driver : { ...driver, queues, sendsCount }
}

/** Where an answer of a service, a relay or a crashed processing says a record was appended, if it does. */
const appendedOutside = (response: Response): PartitionOffset | undefined => {
  switch (response._tag) {
    case "ServiceWritten":
    case "ServiceCrashed":
      return response.sent
    case "Relayed":
    case "RelayCrashed":
      return response.sent
    case "ProcessCrashed":
      return response.output
    default:
      return undefined
  }
}

/** The view with the high watermark of `at`'s partition raised to at least `at.offset + 1`. */
const raisedTo = (driver: Driver, at: PartitionOffset): Driver => {
  const index = driver.partitionIndex.get(partitionKey(at.topic, at.partition))
  if (index === undefined || driver.highWatermarks[index] > at.offset) return driver
  const highWatermarks = driver.highWatermarks.slice()
  highWatermarks[index] = at.offset + 1
  return { ...driver, highWatermarks }
}

/** A crash midway ends as `ConsumerCrash` does: producers and transactions learn it as a `Crashed` answer. */
const crashedOf = (response: Extract<Response, { readonly _tag: "ProcessCrashed" }>): Response =>
  ({ _tag: "Crashed", group: response.group, member: response.member })

/**
 * The view where the member a broker call addresses was heard from now,
 * unless the answer says the call did not pass the membership check.
 */
const heard = (driver: Driver, command: Command, response: Response): Driver => {
  switch (command._tag) {
    case "GroupJoin":
      if (response._tag !== "Joined") return driver
      break
    case "ConsumerHeartbeat":
    case "ConsumerPoll":
    case "ConsumerCommit":
      if (response._tag === "UnknownGroup" || response._tag === "UnknownMember") return driver
      break
    default:
      return driver
  }
  return updateMember(driver, command, (member) =>
    member.lastHeardMs === driver.nowMs ? member : { ...member, lastHeardMs: driver.nowMs })
}

const observeAnswer = (driver: Driver, command: Command, response: Response): Driver => {
  if (response._tag === "Sent" && command._tag === "ProducerSend") {
    const index = driver.partitionIndex.get(partitionKey(response.topic, response.partition))
    if (index === undefined || driver.highWatermarks[index] > response.offset) {
      return { ...driver, sendsCount: driver.sendsCount + 1 }
    }
    const highWatermarks = driver.highWatermarks.slice()
    highWatermarks[index] = response.offset + 1
    return { ...driver, sendsCount: driver.sendsCount + 1, highWatermarks }
  }
  const next = command._tag === "ProducerSend" ? { ...driver, sendsCount: driver.sendsCount + 1 } : driver
  const address = addressOf(command)
  switch (response._tag) {
    case "Sent":
      // A `Sent` answer to anything but a send teaches nothing.
      return next
    case "Joined":
      return updateMember(next, address, (member) => ({
        ...sync(member, response.generation, response.assignment),
        running: true,
        buffer: [],
        attempts: member.attempts.size === 0 ? member.attempts : new Map(),
        outOfRange: []
      }), response.generation)
    case "Left":
      return updateMember(next, address, (member) => clientLost(member, false), response.generation)
    case "HeartbeatOk":
      return updateMember(next, address, (member) =>
        member.generation === response.generation && sameAssignment(member.assignment, response.assignment)
          ? member.listed ? member : { ...member, listed: true }
          : sync(member, response.generation, response.assignment))
    case "RebalanceInProgress":
      return updateMember(
        next,
        address,
        (member) => sync(member, response.generation, response.assignment),
        response.generation
      )
    case "Polled":
      return updateMember(next, address, (member) => {
        if (response.records.length === 0 && response.resets === undefined) return member.listed ? member : { ...member, listed: true }
        const buffer = member.buffer.slice()
        const positions = new Map(member.positions)
        const delivered = member.delivered.slice()
        for (const reset of response.resets ?? []) {
          positions.set(partitionKey(reset.topic, reset.partition), reset.to)
          if (!delivered.some((tp) => tp.topic === reset.topic && tp.partition === reset.partition)) {
            delivered.push({ topic: reset.topic, partition: reset.partition })
          }
        }
        for (const record of response.records) {
          buffer.push({
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            epoch: member.epoch,
            cleared: false
          })
          positions.set(partitionKey(record.topic, record.partition), record.offset + 1)
          if (!delivered.some((tp) => tp.topic === record.topic && tp.partition === record.partition)) {
            delivered.push({ topic: record.topic, partition: record.partition })
          }
        }
        return { ...member, listed: true, buffer, positions, delivered }
      })
    case "Processed":
    case "ProcessDeadLettered":
    case "NotDelivered":
      return updateMember(next, address, (member) => ({
        ...member,
        buffer: removeFirst(member.buffer, response.topic, response.partition, response.offset)
      }))
    case "Committed":
      return updateMember(next, address, (member, group) => {
        const listed = member.listed ? member : { ...member, listed: true }
        if (group.mode !== "at-most-once") return listed
        let buffer: Array<Delivery> | undefined
        member.buffer.forEach((delivery, i) => {
          if (delivery.cleared || delivery.epoch !== member.epoch) return
          const covered = response.offsets.some((entry) =>
            entry.topic === delivery.topic && entry.partition === delivery.partition && delivery.offset < entry.offset
          )
          if (!covered) return
          buffer ??= member.buffer.slice()
          buffer[i] = { ...delivery, cleared: true }
        })
        return buffer === undefined ? listed : { ...listed, buffer }
      }, response.generation)
    case "Seeked":
      return updateMember(next, address, (member) => {
        const positions = new Map(member.positions)
        positions.set(partitionKey(response.topic, response.partition), response.offset)
        const outOfRange = member.outOfRange.length === 0
          ? member.outOfRange
          : member.outOfRange.filter((entry) => entry.topic !== response.topic || entry.partition !== response.partition)
        return { ...member, positions, outOfRange }
      })
    case "Crashed":
    case "ProcessCrashed":
      // A process that dies midway loses its client exactly as after `ConsumerCrash`.
      return updateMember(next, address, (member) => clientLost(member, member.listed))
    case "ClockAdvanced": {
      let advanced: Driver = { ...next, nowMs: response.nowMs }
      for (const expired of response.expired) {
        advanced = updateMember(advanced, expired, (member) => ({ ...member, listed: false }))
      }
      for (const rebalanced of response.rebalanced) {
        advanced = withGroup(advanced, rebalanced.group, (group) => ({ ...group, generation: rebalanced.generation }))
      }
      return advanced
    }
    case "UnknownMember":
      // A member with a client learns from a broker call that the broker does
      // not list it, and from a local call that its client is gone. A member
      // without a client learns nothing.
      return updateMember(next, address, (member) =>
        !member.running ? member : isBrokerCall(command) ? { ...member, listed: false } : clientLost(member, member.listed))
    case "AlreadyMember":
      return updateMember(next, address, (member) => ({ ...member, listed: true }))
    case "StaleGeneration":
      return withGroup(
        updateMember(next, address, (member) => ({ ...member, listed: true })),
        response.group,
        (group) => ({ ...group, generation: Math.max(group.generation, response.generationCurrent) })
      )
    case "OffsetOutOfRange": {
      // A poll below the log start of an `autoOffsetReset: none` group: the application seeks to the log start next.
      const logStartOffset = response.logStartOffset
      if (command._tag !== "ConsumerPoll" || logStartOffset === undefined) return next
      return updateMember(next, address, (member) => ({
        ...member,
        outOfRange: [
          ...member.outOfRange.filter((entry) => entry.topic !== response.topic || entry.partition !== response.partition),
          { topic: response.topic, partition: response.partition, offset: logStartOffset }
        ]
      }))
    }
    case "UnknownTopic":
    case "UnknownGroup":
    case "NotAssigned":
      return next
    default:
      // The producer, transaction and observer answers: see `observeTransaction.ts`.
      return next
  }
}
