/**
 * Test helpers: short builders for commands and records, so the scenario
 * tests read like the step tables they pin.
 *
 * @module
 */
import type { Command, CommandOf } from "../../spec/command.ts"
import { boundsDefault, type Bounds, type Config, type GroupConfig, type TopicConfig } from "../../spec/config.ts"
import type { LogRecord, TopicPartition } from "../../spec/record.ts"

/** Bounds for test configs (the broker does not read them): the defaults. */
export const boundsTest: Bounds = boundsDefault

/** A config with these topics and groups and a 30 s session timeout. */
export const configOf = (
  topics: ReadonlyArray<TopicConfig>,
  groups: ReadonlyArray<GroupConfig>,
  sessionTimeoutMs = 30_000
): Config => ({ topics, groups, sessionTimeoutMs, bounds: boundsTest })

/** `ProducerSend`, unkeyed unless `key` is given. */
export const send = (topic: string, value: string, key?: string, producer = "p1"): CommandOf<"ProducerSend"> =>
  key === undefined ? { _tag: "ProducerSend", producer, topic, value } : { _tag: "ProducerSend", producer, topic, key, value }

/** `GroupJoin`. */
export const join = (group: string, member: string): Command => ({ _tag: "GroupJoin", group, member })

/** `GroupLeave`. */
export const leave = (group: string, member: string): Command => ({ _tag: "GroupLeave", group, member })

/** `ConsumerHeartbeat`. */
export const heartbeat = (group: string, member: string): Command => ({ _tag: "ConsumerHeartbeat", group, member })

/** `ConsumerPoll`. */
export const poll = (group: string, member: string, recordsMax = 10): Command => ({
  _tag: "ConsumerPoll",
  group,
  member,
  recordsMax
})

/** `ConsumerProcess`. */
export const processRecord = (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
  _tag: "ConsumerProcess",
  group,
  member,
  topic,
  partition,
  offset
})

/** `ConsumerCommit` of `[topic, partition, offset]` entries. */
export const commit = (
  group: string,
  member: string,
  offsets: ReadonlyArray<readonly [string, number, number]>
): Command => ({
  _tag: "ConsumerCommit",
  group,
  member,
  offsets: offsets.map(([topic, partition, offset]) => ({ topic, partition, offset }))
})

/** `ConsumerSeek`. */
export const seek = (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
  _tag: "ConsumerSeek",
  group,
  member,
  topic,
  partition,
  offset
})

/** `ConsumerCrash`. */
export const crash = (group: string, member: string): Command => ({ _tag: "ConsumerCrash", group, member })

/** `ClockAdvance`. */
export const advance = (ms: number): Command => ({ _tag: "ClockAdvance", ms })

/** `ProducerSend` whose acknowledgement is lost, unkeyed unless `key` is given. */
export const sendLost = (topic: string, value: string, producer: string, key?: string): CommandOf<"ProducerSend"> => ({
  ...send(topic, value, key, producer),
  ackLost: true
})

/** `ProducerRetry`, its acknowledgement lost too when `ackLost`. */
export const retry = (producer: string, ackLost = false): Command =>
  ackLost ? { _tag: "ProducerRetry", producer, ackLost: true } : { _tag: "ProducerRetry", producer }

/** `ProducerInit`. */
export const init = (producer: string): Command => ({ _tag: "ProducerInit", producer })

/** `ProducerCrash`. */
export const producerCrash = (producer: string): Command => ({ _tag: "ProducerCrash", producer })

/** `TxnBegin`. */
export const begin = (producer: string): Command => ({ _tag: "TxnBegin", producer })

/** `TxnSendOffsets` of `[topic, partition, offset]` entries for a member of a group. */
export const sendOffsets = (
  producer: string,
  group: string,
  member: string,
  offsets: ReadonlyArray<readonly [string, number, number]>
): Command => ({
  _tag: "TxnSendOffsets",
  producer,
  group,
  member,
  offsets: offsets.map(([topic, partition, offset]) => ({ topic, partition, offset }))
})

/** `TxnCommit`. */
export const txnCommit = (producer: string): Command => ({ _tag: "TxnCommit", producer })

/** `TxnAbort`. */
export const txnAbort = (producer: string): Command => ({ _tag: "TxnAbort", producer })

/** `ObserverDump` of a whole partition (up to 1,000 entries) unless `offset` and `entriesMax` say otherwise. */
export const dump = (topic: string, partition: number, offset = 0, entriesMax = 1_000): Command => ({
  _tag: "ObserverDump",
  topic,
  partition,
  offset,
  entriesMax
})

/** `ObserverOffsets`. */
export const offsetsOf = (group: string): Command => ({ _tag: "ObserverOffsets", group })

/** A `[topic, partition, offset]` position, as the spec's `PartitionOffset`. */
export const at = (topic: string, partition: number, offset: number) => ({ topic, partition, offset })

/** A topic-partition. */
export const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition })

/** A stored record (unkeyed unless `key` is given). */
export const record = (
  topic: string,
  partition: number,
  offset: number,
  value: string,
  options: { readonly timestampMs?: number; readonly key?: string; readonly producer?: string } = {}
): LogRecord => {
  const base = { topic, partition, offset, producer: options.producer ?? "p1" }
  const timestampMs = options.timestampMs ?? 0
  return options.key === undefined
    ? { ...base, value, timestampMs }
    : { ...base, key: options.key, value, timestampMs }
}

/** `ConsumerProcess` with `crashMidway`. */
export const processMidway = (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
  _tag: "ConsumerProcess",
  group,
  member,
  topic,
  partition,
  offset,
  crashMidway: true
})

/** `ServiceWrite`, unkeyed unless `key` is given, with `crashMidway` when `crash`. */
export const serviceWrite = (service: string, event: string, key?: string, crash = false): Command => ({
  _tag: "ServiceWrite",
  service,
  event,
  ...(key === undefined ? {} : { key }),
  ...(crash ? { crashMidway: true as const } : {})
})

/** `RelayPublish`, with `crashMidway` when `crash`. */
export const relay = (service: string, crash = false): Command =>
  crash ? { _tag: "RelayPublish", service, crashMidway: true } : { _tag: "RelayPublish", service }

/** `ObserverEffects`. */
export const effectsOf = (group: string): Command => ({ _tag: "ObserverEffects", group })

/** `ObserverService`. */
export const serviceOf = (service: string): Command => ({ _tag: "ObserverService", service })

/** `QueueSend` by sender `s`, with a FIFO `group` and `dedupId` when given. */
export const queueSend = (queue: string, value: string, options: { readonly group?: string; readonly dedupId?: string } = {}): Command => ({
  _tag: "QueueSend",
  sender: "s",
  queue,
  value,
  ...(options.group === undefined ? {} : { group: options.group }),
  ...(options.dedupId === undefined ? {} : { dedupId: options.dedupId })
})

/** `QueueReceive` of up to `messagesMax` messages. */
export const queueReceive = (queue: string, consumer: string, messagesMax = 10): Command => ({
  _tag: "QueueReceive",
  queue,
  consumer,
  messagesMax
})

/** `QueueProcess`. */
export const queueProcess = (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueProcess", queue, consumer, receipt })

/** `QueueAck`. */
export const queueAck = (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueAck", queue, consumer, receipt })

/** `QueueRelease`. */
export const queueRelease = (queue: string, consumer: string, receipt: number): Command => ({ _tag: "QueueRelease", queue, consumer, receipt })

/** `QueueExtend` to `nowMs + ms`. */
export const queueExtend = (queue: string, consumer: string, receipt: number, ms: number): Command => ({
  _tag: "QueueExtend",
  queue,
  consumer,
  receipt,
  ms
})

/** `QueueCrash`. */
export const queueCrash = (queue: string, consumer: string): Command => ({ _tag: "QueueCrash", queue, consumer })

/** `QueueRedrive`. */
export const queueRedrive = (queue: string): Command => ({ _tag: "QueueRedrive", queue })

/** `ObserverQueue`. */
export const queueOf = (queue: string): Command => ({ _tag: "ObserverQueue", queue })

/** `DownstreamDown`. */
export const downstreamDown = (group: string): Command => ({ _tag: "DownstreamDown", group })

/** `DownstreamUp`. */
export const downstreamUp = (group: string): Command => ({ _tag: "DownstreamUp", group })

/** `DeadLetterRedrive`. */
export const deadLetterRedrive = (group: string): Command => ({ _tag: "DeadLetterRedrive", group })
