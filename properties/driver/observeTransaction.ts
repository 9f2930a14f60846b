/**
 * How the application's view learns from one answer about producers,
 * transactions and exactly-once members: producer clients (epoch, fenced,
 * transaction, pending send), the latest epoch of each transactional id, high
 * watermarks moved by markers, retries and results, and the transaction in
 * progress of each exactly-once member. Used only for configs that name
 * producers or have an `exactly-once` group (`Driver.transactional`).
 *
 * @module
 */
import { type Command, producerOf } from "../../spec/command.ts"
import { memberProducerName } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import type { Driver, MemberView, ProcessedRange } from "./driver.ts"
import { partitionKey } from "./driver.ts"
import { updateMember } from "./internal/update.ts"
import type { ProducerView } from "./producer.ts"
import { producerCrashed } from "./producer.ts"

/** The producer a command acts through: its `producer`, or the exactly-once member's producer for a process or a crash. */
export const producerOfCommand = (driver: Driver, command: Command): string | undefined => {
  const named = producerOf(command)
  if (named !== undefined) return named
  if (command._tag !== "ConsumerProcess" && command._tag !== "ConsumerCrash") return undefined
  const name = memberProducerName(command.group, command.member)
  return driver.memberOfProducer.has(name) ? name : undefined
}

/** The view with every high watermark raised to at least `offset + 1` at each of `offsets`. */
const raised = (driver: Driver, offsets: ReadonlyArray<PartitionOffset>): Driver => {
  let highWatermarks: Array<number> | undefined
  for (const { offset, partition, topic } of offsets) {
    const index = driver.partitionIndex.get(partitionKey(topic, partition))
    if (index === undefined || driver.highWatermarks[index] > offset) continue
    highWatermarks ??= driver.highWatermarks.slice()
    highWatermarks[index] = Math.max(highWatermarks[index], offset + 1)
  }
  return highWatermarks === undefined ? driver : { ...driver, highWatermarks }
}

/** The view where one more record sits at the end of a partition (an append whose offset the answer did not say). */
const appended = (driver: Driver, topic: string, partition: number): Driver => {
  const index = driver.partitionIndex.get(partitionKey(topic, partition))
  if (index === undefined) return driver
  const highWatermarks = driver.highWatermarks.slice()
  highWatermarks[index]++
  return { ...driver, highWatermarks }
}

const withProducer = (driver: Driver, name: string | undefined, f: (producer: ProducerView) => ProducerView): Driver => {
  const producer = name === undefined ? undefined : driver.producers.get(name)
  if (producer === undefined || name === undefined) return driver
  const updated = f(producer)
  if (updated === producer) return driver
  const producers = new Map(driver.producers)
  producers.set(name, updated)
  return { ...driver, producers }
}

/** The view where every client of `transactionalId` lost its open transaction at the coordinator (the clients do not know yet). */
const coordinatorAborted = (driver: Driver, transactionalId: string, epoch: number | undefined): Driver => {
  let producers: Map<string, ProducerView> | undefined
  for (const producer of driver.producers.values()) {
    if (producer.transactionalId !== transactionalId || producer.transactionStartMs === undefined) continue
    producers ??= new Map(driver.producers)
    producers.set(producer.name, { ...producer, transactionStartMs: undefined })
  }
  let epochs = driver.epochs
  if (epoch !== undefined && (epochs.get(transactionalId) ?? -1) < epoch) {
    const next = new Map(epochs)
    next.set(transactionalId, epoch)
    epochs = next
  }
  return producers === undefined && epochs === driver.epochs ? driver : { ...driver, producers: producers ?? driver.producers, epochs }
}

/** The client learned it is fenced: its transaction and pending send are over. */
const fenced = (producer: ProducerView): ProducerView => ({
  ...producer,
  fenced: true,
  inTransaction: false,
  transactionStartMs: undefined,
  pending: undefined
})

/** The client's transaction ended (committed, aborted, or never open). */
const transactionEnded = (producer: ProducerView): ProducerView => ({
  ...producer,
  inTransaction: false,
  transactionStartMs: undefined,
  pending: undefined
})

/** The coordinator holds the client's transaction open from now on, if it did not already. */
const transactionTouched = (nowMs: number) => (producer: ProducerView): ProducerView =>
  producer.transactionalId === undefined || producer.transactionStartMs !== undefined
    ? producer
    : { ...producer, transactionStartMs: nowMs }

/** Marks the member's buffered deliveries of `partitions` stale (also those with an offset up to `upTo`, when given). */
const staled = (member: MemberView, matches: (topic: string, partition: number, offset: number) => boolean): MemberView => {
  if (!member.buffer.some((d) => !d.stale && matches(d.topic, d.partition, d.offset))) return member
  return { ...member, buffer: member.buffer.map((d) => (!d.stale && matches(d.topic, d.partition, d.offset) ? { ...d, stale: true } : d)) }
}

/**
 * The member's transaction is over without effect (aborted, fenced, its
 * producer re-initialized or dead): it must seek back to where it began in
 * each partition it processed, and holds nothing of those partitions it may
 * process until it polled them again.
 */
const memberAborted = (member: MemberView): MemberView => {
  const rewinds = member.rewinds.slice()
  for (const range of member.txnProcessed) {
    const index = rewinds.findIndex((r) => r.topic === range.topic && r.partition === range.partition)
    if (index < 0) rewinds.push({ topic: range.topic, partition: range.partition, offset: range.start })
    else if (rewinds[index].offset > range.start) rewinds[index] = { ...rewinds[index], offset: range.start }
  }
  const cleared: MemberView = { ...member, txnBegun: false, txnProcessed: [], txnOffsetsSent: false, txnDoomed: false, rewinds }
  return staled(cleared, (topic, partition) => rewinds.some((r) => r.topic === topic && r.partition === partition))
}

/** The member's transaction committed: its results and offsets are visible. */
const memberCommitted = (member: MemberView): MemberView =>
  ({ ...member, txnBegun: false, txnProcessed: [], txnOffsetsSent: false, txnDoomed: false })

const memberDoomed = (member: MemberView): MemberView =>
  member.txnBegun && !member.txnDoomed ? { ...member, txnDoomed: true } : member

/** The member processed `offset` of a partition in its transaction. */
const memberProcessed = (member: MemberView, topic: string, partition: number, offset: number): MemberView => {
  const txnProcessed: Array<ProcessedRange> = member.txnProcessed.slice()
  const index = txnProcessed.findIndex((r) => r.topic === topic && r.partition === partition)
  if (index < 0) txnProcessed.push({ topic, partition, start: offset, next: offset + 1 })
  else txnProcessed[index] = { ...txnProcessed[index], next: offset + 1 }
  return staled(
    { ...member, txnProcessed, txnOffsetsSent: false },
    (t, p, o) => t === topic && p === partition && o <= offset
  )
}

/** The member's part of an answer through its producer (`address` is the member the producer belongs to). */
const observeMember = (
  driver: Driver,
  address: { readonly group: string; readonly member: string } | undefined,
  command: Command,
  response: Response
): Driver => {
  if (address === undefined) return driver
  switch (response._tag) {
    case "ProducerFenced":
    case "ProducerInitialized":
    case "ProducerCrashed":
    case "TxnAborted":
      return updateMember(driver, address, memberAborted)
    case "TransactionNotOpen":
      return updateMember(driver, address, (member) => (member.txnBegun ? memberAborted(member) : member))
    case "TxnCommitted":
      return updateMember(driver, address, memberCommitted)
    case "TxnBegun":
      return updateMember(driver, address, (member) => ({ ...member, txnBegun: true }))
    case "Processed":
      return updateMember(driver, address, (member) => memberProcessed(member, response.topic, response.partition, response.offset))
    case "TxnOffsetsSent":
      return command._tag === "TxnSendOffsets" && command.member === address.member && command.group === address.group
        ? updateMember(driver, address, (member) => ({ ...member, txnOffsetsSent: true }))
        : driver
    case "StaleGeneration":
    case "UnknownMember":
    case "NotAssigned":
    case "OffsetOutOfRange":
    case "UnknownTopic":
      return command._tag === "TxnSendOffsets" ? updateMember(driver, address, memberDoomed) : driver
    default:
      return driver
  }
}

/** The producer client's part of an answer to a command acting through it. */
const observeProducer = (driver: Driver, name: string, command: Command, response: Response): Driver => {
  const nowMs = driver.nowMs
  switch (response._tag) {
    case "Sent":
      return withProducer(driver, name, (p) => transactionTouched(nowMs)({ ...p, pending: undefined }))
    case "SendTimedOut":
      return withProducer(driver, name, (p) => transactionTouched(nowMs)({ ...p, pending: { topic: response.topic, partition: response.partition } }))
    case "Processed":
      return response.output === undefined ? driver : withProducer(driver, name, (p) => transactionTouched(nowMs)({ ...p, pending: undefined }))
    case "TxnOffsetsSent":
      return withProducer(driver, name, transactionTouched(nowMs))
    case "NothingToRetry":
      return withProducer(driver, name, (p) => ({ ...p, pending: undefined }))
    case "ProducerFenced":
      return withProducer(driver, name, fenced)
    case "ProducerNotInitialized":
      return withProducer(driver, name, (p) => ({ ...p, epoch: undefined, inTransaction: false }))
    case "TransactionNotOpen":
      return withProducer(driver, name, (p) => ({ ...p, inTransaction: false }))
    case "TransactionAlreadyOpen":
    case "TxnBegun":
      return withProducer(driver, name, (p) => ({ ...p, inTransaction: true }))
    case "TxnCommitted":
    case "TxnAborted":
      return withProducer(driver, name, transactionEnded)
    case "ProducerInitialized": {
      const initialized = withProducer(driver, name, (p) => ({
        ...transactionEnded(p),
        epoch: response.epoch,
        fenced: false
      }))
      const transactionalId = driver.producers.get(name)?.transactionalId
      return transactionalId === undefined ? initialized : coordinatorAborted(initialized, transactionalId, response.epoch)
    }
    case "ProducerCrashed":
    case "Crashed":
      return withProducer(driver, name, producerCrashed)
    default:
      return driver
  }
}

/** The high watermarks an answer moves beyond what `observe.ts` learns from `Sent` answers to sends. */
const observeWatermarks = (driver: Driver, command: Command, response: Response): Driver => {
  switch (response._tag) {
    case "Sent":
      return command._tag === "ProducerRetry" ? raised(driver, [response]) : driver
    case "SendTimedOut": {
      if (command._tag === "ProducerSend") return appended(driver, response.topic, response.partition)
      // A retry appends again only for a producer that is not idempotent.
      const idempotent = driver.producers.get(response.producer)?.idempotent ?? false
      return idempotent ? driver : appended(driver, response.topic, response.partition)
    }
    case "Processed":
      return response.output === undefined ? driver : raised(driver, [response.output])
    case "TxnCommitted":
    case "TxnAborted":
      return raised(driver, response.markers)
    case "ProducerInitialized":
      return response.aborted === undefined ? driver : raised(driver, response.aborted)
    case "ClockAdvanced": {
      let advanced = driver
      for (const aborted of response.transactionsAborted ?? []) {
        advanced = coordinatorAborted(raised(advanced, aborted.markers), aborted.transactionalId, aborted.epoch)
      }
      return advanced
    }
    case "Dumped":
      return response.highWatermark === 0 ? driver : raised(driver, [{ topic: response.topic, partition: response.partition, offset: response.highWatermark - 1 }])
    default:
      return driver
  }
}

/**
 * The exactly-once member's consumer side of an answer: a fresh client has no
 * transaction of its own; a sync in the middle of a transaction dooms it (an
 * eager rebalance revoked everything it processed) and makes rewinds moot
 * (positions are forgotten); a seek back does one rewind and makes the
 * partition's buffered records stale.
 */
const observeConsumer = (before: Driver, driver: Driver, command: Command, response: Response): Driver => {
  if (!("member" in command) || command._tag === "TxnSendOffsets") return driver
  const address = { group: command.group, member: command.member }
  if (!driver.memberOfProducer.has(memberProducerName(address.group, address.member))) return driver
  switch (response._tag) {
    case "Joined":
      return updateMember(driver, address, (member) =>
        ({ ...member, txnBegun: false, txnProcessed: [], txnOffsetsSent: false, txnDoomed: false, rewinds: [] }))
    case "Seeked":
      return updateMember(driver, address, (member) =>
        staled(
          { ...member, rewinds: member.rewinds.filter((r) => r.topic !== response.topic || r.partition !== response.partition) },
          (topic, partition) => topic === response.topic && partition === response.partition
        ))
    case "HeartbeatOk":
    case "RebalanceInProgress": {
      const old = before.groups.find((g) => g.name === address.group)?.members.find((m) => m.name === address.member)
      return updateMember(driver, address, (member) => {
        if (old === undefined || old.epoch === member.epoch) return member
        const synced = { ...member, rewinds: [] }
        return synced.txnProcessed.length > 0 || synced.txnOffsetsSent ? memberDoomed(synced) : synced
      })
    }
    default:
      return driver
  }
}

/**
 * The view after `observe.ts` learned from the answer (`observed`), with what
 * the answer tells about producers, transactions and exactly-once members.
 * `before` is the view before the command.
 */
export const observeTransaction = (before: Driver, observed: Driver, command: Command, response: Response): Driver => {
  let driver = observeWatermarks(observed, command, response)
  driver = observeConsumer(before, driver, command, response)
  const producer = producerOfCommand(driver, command)
  if (producer === undefined) return driver
  driver = observeProducer(driver, producer, command, response)
  return observeMember(driver, driver.memberOfProducer.get(producer), command, response)
}
