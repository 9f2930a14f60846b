/**
 * Helpers for the model's own tests: command shorthands and a full snapshot
 * of a state through the query helpers (to prove an old state never changes).
 *
 * @internal
 * @module
 */
import fc from "fast-check"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { boundsDefault } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import {
  brokerMembersOf,
  clientOf,
  committedOf,
  configOf,
  entriesOf,
  generationOf,
  lastStableOffsetOf,
  nowMs,
  producerClientOf,
  recordsOf,
  roundRobinOf,
  runningMembersOf,
  sinkOf,
  transactionalIdsOf,
  transactionOf
} from "../query.ts"
import type { ModelState } from "../state.ts"

/** Shorthands for the commands of the spec, for readable scenarios. */
export const cmd = {
  send: (producer: string, topic: string, value: string, key?: string): Command =>
    key === undefined ? { _tag: "ProducerSend", producer, topic, value } : { _tag: "ProducerSend", producer, topic, key, value },
  join: (group: string, member: string): Command => ({ _tag: "GroupJoin", group, member }),
  leave: (group: string, member: string): Command => ({ _tag: "GroupLeave", group, member }),
  heartbeat: (group: string, member: string): Command => ({ _tag: "ConsumerHeartbeat", group, member }),
  poll: (group: string, member: string, recordsMax: number): Command => ({ _tag: "ConsumerPoll", group, member, recordsMax }),
  process: (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
    _tag: "ConsumerProcess",
    group,
    member,
    topic,
    partition,
    offset
  }),
  commit: (group: string, member: string, offsets: ReadonlyArray<PartitionOffset>): Command => ({
    _tag: "ConsumerCommit",
    group,
    member,
    offsets
  }),
  seek: (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
    _tag: "ConsumerSeek",
    group,
    member,
    topic,
    partition,
    offset
  }),
  crash: (group: string, member: string): Command => ({ _tag: "ConsumerCrash", group, member }),
  advance: (ms: number): Command => ({ _tag: "ClockAdvance", ms }),
  /** A send whose acknowledgement is lost (`ackLost`). */
  sendLost: (producer: string, topic: string, value: string, key?: string): Command =>
    key === undefined
      ? { _tag: "ProducerSend", producer, topic, value, ackLost: true }
      : { _tag: "ProducerSend", producer, topic, key, value, ackLost: true },
  retry: (producer: string, ackLost?: true): Command =>
    ackLost === undefined ? { _tag: "ProducerRetry", producer } : { _tag: "ProducerRetry", producer, ackLost },
  init: (producer: string): Command => ({ _tag: "ProducerInit", producer }),
  producerCrash: (producer: string): Command => ({ _tag: "ProducerCrash", producer }),
  begin: (producer: string): Command => ({ _tag: "TxnBegin", producer }),
  sendOffsets: (producer: string, group: string, member: string, offsets: ReadonlyArray<PartitionOffset>): Command => ({
    _tag: "TxnSendOffsets",
    producer,
    group,
    member,
    offsets
  }),
  txnCommit: (producer: string): Command => ({ _tag: "TxnCommit", producer }),
  txnAbort: (producer: string): Command => ({ _tag: "TxnAbort", producer }),
  dump: (topic: string, partition: number, offset = 0, entriesMax = 1000): Command => ({ _tag: "ObserverDump", topic, partition, offset, entriesMax }),
  offsets: (group: string): Command => ({ _tag: "ObserverOffsets", group })
}

/**
 * Everything observable about a state, as plain data: clock, logs (every
 * entry, markers included, and last stable offsets), counters and clients of
 * the given producers, the coordinator's transactional ids, and per group its
 * generation, broker members, clients of the given members, committed offsets
 * and sink.
 */
export const snapshot = (state: ModelState, producers: ReadonlyArray<string>, members: ReadonlyArray<string>): unknown => {
  const config = configOf(state)
  return {
    nowMs: nowMs(state),
    topics: config.topics.map((topic) => ({
      records: Array.from({ length: topic.partitions }, (_, p) => recordsOf(state, topic.name, p)),
      entries: Array.from({ length: topic.partitions }, (_, p) => entriesOf(state, topic.name, p)),
      lastStable: Array.from({ length: topic.partitions }, (_, p) => lastStableOffsetOf(state, topic.name, p)),
      counters: producers.map((producer) => roundRobinOf(state, producer, topic.name))
    })),
    producers: producers.map((producer) => producerClientOf(state, producer)),
    transactions: transactionalIdsOf(state).map((id) => ({ id, transaction: transactionOf(state, id) })),
    groups: config.groups.map((group) => ({
      generation: generationOf(state, group.name),
      members: brokerMembersOf(state, group.name),
      running: runningMembersOf(state, group.name),
      clients: members.map((member) => clientOf(state, group.name, member) ?? null),
      committed: config.topics.map((topic) =>
        Array.from({ length: topic.partitions }, (_, p) => committedOf(state, group.name, topic.name, p) ?? null)
      ),
      sink: sinkOf(state, group.name)
    }))
  }
}

/**
 * A config with transactions for the model's tests: topic `t` (2 partitions:
 * key `k3` lands on 0, `k0` on 1) read by `ru` (read_uncommitted) and `rc`
 * (read_committed); topic `out` written by the exactly-once group `eos`,
 * which reads `in`; producers `plain` (not configured), `idem` (idempotent),
 * `tx` and `tx2` (both transactional id `T`: two instances of one
 * application); transactions time out after 10 s.
 */
export const configTransactional: Config = {
  topics: [
    { name: "t", partitions: 2 },
    { name: "in", partitions: 1 },
    { name: "out", partitions: 1 }
  ],
  groups: [
    { name: "ru", mode: "at-least-once", assignor: "range", topics: ["t"] },
    { name: "rc", mode: "at-least-once", assignor: "range", topics: ["t"], isolation: "read_committed" },
    { name: "eos", mode: "exactly-once", assignor: "range", topics: ["in"], outputTopic: "out" },
    { name: "view", mode: "at-least-once", assignor: "range", topics: ["out"], isolation: "read_committed" }
  ],
  producers: [
    { name: "idem", idempotent: true },
    { name: "tx", idempotent: true, transactionalId: "T" },
    { name: "tx2", idempotent: true, transactionalId: "T" }
  ],
  sessionTimeoutMs: 30_000,
  transactionTimeoutMs: 10_000,
  bounds: boundsDefault
}

/** The producers {@link commandArbDefault} sends with. */
export const producers: ReadonlyArray<string> = ["p", "q"]

/** The members {@link commandArbDefault} acts as. */
export const members: ReadonlyArray<string> = ["a", "b", "c"]

/** Commands over the default config, valid and invalid alike. */
export const commandArbDefault: fc.Arbitrary<Command> = (() => {
  const group = fc.constantFrom("billing", "metrics", "nope")
  const member = fc.constantFrom(...members)
  const topic = fc.constantFrom("orders", "payments", "nope")
  const partition = fc.nat(3)
  const offset = fc.nat(4)
  return fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...producers), topic, fc.option(fc.constantFrom("k0", "k1", "k2", "k3"), { nil: undefined })).map(([p, t, k]) => cmd.send(p, t, "v", k)), weight: 4 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.join(g, m)), weight: 2 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.leave(g, m)), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.heartbeat(g, m)), weight: 1 },
    { arbitrary: fc.tuple(group, member, fc.integer({ min: 1, max: 3 })).map(([g, m, n]) => cmd.poll(g, m, n)), weight: 4 },
    { arbitrary: fc.tuple(group, member, topic, partition, offset).map(([g, m, t, p, o]) => cmd.process(g, m, t, p, o)), weight: 3 },
    {
      arbitrary: fc
        .tuple(group, member, fc.array(fc.record({ topic, partition, offset }), { maxLength: 2 }))
        .map(([g, m, offsets]) => cmd.commit(g, m, offsets)),
      weight: 2
    },
    { arbitrary: fc.tuple(group, member, topic, partition, offset).map(([g, m, t, p, o]) => cmd.seek(g, m, t, p, o)), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.crash(g, m)), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 40_000 }).map(cmd.advance), weight: 1 }
  )
})()

