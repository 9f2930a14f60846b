/**
 * Commands: everything a run can do to the system under test, as plain data.
 *
 * Names are role-first (`ProducerSend`, `ConsumerPoll`, `TxnCommit`, ...), and
 * the commands of each role live in their own file of `spec/command/`
 * (producer, group, consumer, transaction, service, queue, observer, clock, failure, broker); this module is
 * their one union. Because commands are data, a trace file is just data and
 * a replay is decoding plus running. The producer and transaction state is
 * described in `spec/command/producer.ts`, the services' tables in
 * `spec/command/service.ts`, the queues in `spec/command/queue.ts`, and a
 * group's effect store (outside the broker) under `ConsumerProcess`.
 *
 * ## The state a command acts on
 *
 * Broker side: per-partition logs (offsets `0..highWatermark-1`; an offset
 * holds a data record or a transaction marker), the clock
 * `nowMs` (starts at 0), a round-robin counter per (producer, topic), and per
 * group: its members in join order with the time each was last heard from
 * (`lastSeenMs`), its generation (0 before the first join), the assignment of
 * its current generation, and its committed offsets.
 *
 * Client side: per (group, member), at most one running consumer client
 * holding the generation and assignment it last learned, a position per
 * partition, and a buffer of records it was delivered and has not processed.
 * A member is "running" while it has a client; `ConsumerCrash` destroys the
 * client but leaves the broker's membership until the session expires.
 *
 * ## Rules shared by all commands
 *
 * - Checks run in the order each command lists; the first failing check
 *   answers, and an error response changes nothing, with these exceptions:
 *   `SendTimedOut` (a lost acknowledgement: the send took effect),
 *   `ProducerFenced` (the client learns it is fenced and its transaction is
 *   over, its pending send dropped),
 *   `RebalanceInProgress` also syncs the client, and a heartbeat, poll or
 *   commit that got past the membership check has been heard from, so its
 *   `lastSeenMs` moves even when a later check fails (a fenced or rejected
 *   commit keeps the session alive; Kafka refreshes only on success).
 * - "Broker member" means the group's membership lists the member;
 *   "running" means the member has a client.
 * - A rebalance (on join, leave or session expiry) adds 1 to the generation
 *   and recomputes the whole assignment at once (eager): every current broker
 *   member, running or not, gets the partitions its group's assignor gives it.
 * - Assignment lists are sorted by topic name, then partition; records in a
 *   poll follow that order.
 * - Heartbeat, poll and commit reach the broker: once they pass the
 *   membership check they set the member's `lastSeenMs` to `nowMs`.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { BrokerRestart } from "./command/broker.ts"
import { ClockAdvance } from "./command/clock.ts"
import { ConsumerCommit, ConsumerCrash, ConsumerHeartbeat, ConsumerPoll, ConsumerProcess, ConsumerSeek } from "./command/consumer.ts"
import { DeadLetterRedrive, DownstreamDown, DownstreamUp } from "./command/failure.ts"
import { GroupJoin, GroupLeave } from "./command/group.ts"
import { ObserverDump, ObserverEffects, ObserverOffsets, ObserverQueue, ObserverService } from "./command/observer.ts"
import { ProducerCrash, ProducerInit, ProducerRetry, ProducerSend } from "./command/producer.ts"
import { QueueAck, QueueCrash, QueueExtend, QueueProcess, QueueReceive, QueueRedrive, QueueRelease, QueueSend } from "./command/queue.ts"
import { RelayPublish, ServiceWrite } from "./command/service.ts"
import { TxnAbort, TxnBegin, TxnCommit, TxnSendOffsets } from "./command/transaction.ts"

export {
  BrokerRestart,
  ClockAdvance,
  ConsumerCommit,
  ConsumerCrash,
  ConsumerHeartbeat,
  ConsumerPoll,
  ConsumerProcess,
  ConsumerSeek,
  DeadLetterRedrive,
  DownstreamDown,
  DownstreamUp,
  GroupJoin,
  GroupLeave,
  ObserverDump,
  ObserverEffects,
  ObserverOffsets,
  ObserverQueue,
  ObserverService,
  ProducerCrash,
  ProducerInit,
  ProducerRetry,
  ProducerSend,
  QueueAck,
  QueueCrash,
  QueueExtend,
  QueueProcess,
  QueueReceive,
  QueueRedrive,
  QueueRelease,
  QueueSend,
  RelayPublish,
  ServiceWrite,
  TxnAbort,
  TxnBegin,
  TxnCommit,
  TxnSendOffsets
}

/** Every command, as one tagged union. */
export const Command = Schema.Union([
  ProducerSend,
  GroupJoin,
  GroupLeave,
  ConsumerHeartbeat,
  ConsumerPoll,
  ConsumerProcess,
  ConsumerCommit,
  ConsumerSeek,
  ConsumerCrash,
  ClockAdvance,
  ProducerRetry,
  ProducerInit,
  ProducerCrash,
  TxnBegin,
  TxnSendOffsets,
  TxnCommit,
  TxnAbort,
  ObserverDump,
  ObserverOffsets,
  ServiceWrite,
  RelayPublish,
  ObserverEffects,
  ObserverService,
  QueueSend,
  QueueReceive,
  QueueProcess,
  QueueAck,
  QueueRelease,
  QueueExtend,
  QueueCrash,
  QueueRedrive,
  ObserverQueue,
  DownstreamDown,
  DownstreamUp,
  DeadLetterRedrive,
  BrokerRestart
])
/** @see {@link Command} */
export type Command = typeof Command.Type

/** The tag of a command, such as `"ConsumerPoll"`. */
export type CommandTag = Command["_tag"]

/** The command with the given tag. */
export type CommandOf<Tag extends CommandTag> = Extract<Command, { readonly _tag: Tag }>

/** The producer a command names in its `producer` field (the producer and transaction commands), else `undefined`. */
export const producerOf = (command: Command): string | undefined => ("producer" in command ? command.producer : undefined)
