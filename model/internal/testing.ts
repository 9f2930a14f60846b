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
  effectsOf,
  entriesOf,
  generationOf,
  lastStableOffsetOf,
  logStartOffsetOf,
  nowMs,
  producerClientOf,
  recordsOf,
  roundRobinOf,
  runningMembersOf,
  serviceOf,
  sinkOf,
  transactionalIdsOf,
  transactionOf
} from "../query.ts"
import { attemptsOf, failureOf } from "../failure/query.ts"
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
  offsets: (group: string): Command => ({ _tag: "ObserverOffsets", group }),
  /** A `ConsumerProcess` whose process dies midway (`crashMidway`). */
  processCrash: (group: string, member: string, topic: string, partition: number, offset: number): Command => ({
    _tag: "ConsumerProcess",
    group,
    member,
    topic,
    partition,
    offset,
    crashMidway: true
  }),
  write: (service: string, event: string, key?: string, crashMidway?: true): Command => ({
    _tag: "ServiceWrite",
    service,
    event,
    ...(key === undefined ? {} : { key }),
    ...(crashMidway === undefined ? {} : { crashMidway })
  }),
  relay: (service: string, crashMidway?: true): Command =>
    crashMidway === undefined ? { _tag: "RelayPublish", service } : { _tag: "RelayPublish", service, crashMidway },
  effects: (group: string): Command => ({ _tag: "ObserverEffects", group }),
  service: (service: string): Command => ({ _tag: "ObserverService", service })
}

/**
 * Everything observable about a state, as plain data: clock, logs (every
 * entry, markers included, last stable offsets and log starts), counters and clients of
 * the given producers, the coordinator's transactional ids, and per group its
 * generation, broker members, clients of the given members, committed offsets,
 * sink and effect store, and every service's tables.
 */
export const snapshot = (state: ModelState, producers: ReadonlyArray<string>, members: ReadonlyArray<string>): unknown => {
  const config = configOf(state)
  return {
    nowMs: nowMs(state),
    topics: config.topics.map((topic) => ({
      records: Array.from({ length: topic.partitions }, (_, p) => recordsOf(state, topic.name, p)),
      entries: Array.from({ length: topic.partitions }, (_, p) => entriesOf(state, topic.name, p)),
      lastStable: Array.from({ length: topic.partitions }, (_, p) => lastStableOffsetOf(state, topic.name, p)),
      logStarts: Array.from({ length: topic.partitions }, (_, p) => logStartOffsetOf(state, topic.name, p)),
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
      sink: sinkOf(state, group.name),
      effects: effectsOf(state, group.name),
      failure: failureOf(state, group.name) ?? null,
      attempts: members.map((member) => attemptsOf(state, group.name, member))
    })),
    services: (config.services ?? []).map((service) => serviceOf(state, service.name))
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

/**
 * A config with external effects and services for the model's tests: topic
 * `in` (1 partition) read by one group per remedy and write order: `naive`
 * (`none`), `atomic` (`idempotency-key`, window 1,000 ms), `ktfe`
 * (`key-then-effect`, no window), `etk` (`effect-then-key`, no window), `cas`
 * (`conditional-update`), `plain` (no effect), and the exactly-once group
 * `eos` (effect `none`, output `out`); topic `events` (2 partitions) written
 * by the services `ob` (`outbox`), `cts` (`commit-then-send`) and `stc`
 * (`send-then-commit`).
 */
export const configEffects: Config = {
  topics: [
    { name: "in", partitions: 1 },
    { name: "out", partitions: 1 },
    { name: "events", partitions: 2 }
  ],
  groups: [
    { name: "naive", mode: "at-least-once", assignor: "range", topics: ["in"], effect: { remedy: "none" } },
    { name: "atomic", mode: "at-least-once", assignor: "range", topics: ["in"], effect: { remedy: "idempotency-key", dedupWindowMs: 1000 } },
    { name: "ktfe", mode: "at-least-once", assignor: "range", topics: ["in"], effect: { remedy: "idempotency-key", dedupOrder: "key-then-effect" } },
    { name: "etk", mode: "at-least-once", assignor: "range", topics: ["in"], effect: { remedy: "idempotency-key", dedupOrder: "effect-then-key" } },
    { name: "cas", mode: "at-least-once", assignor: "range", topics: ["in"], effect: { remedy: "conditional-update" } },
    { name: "plain", mode: "at-most-once", assignor: "range", topics: ["in"] },
    { name: "eos", mode: "exactly-once", assignor: "range", topics: ["in"], outputTopic: "out", effect: { remedy: "none" } }
  ],
  services: [
    { name: "ob", topic: "events", publish: "outbox" },
    { name: "cts", topic: "events", publish: "commit-then-send" },
    { name: "stc", topic: "events", publish: "send-then-commit" }
  ],
  sessionTimeoutMs: 30_000,
  transactionTimeoutMs: 10_000,
  bounds: boundsDefault
}

/** The members {@link commandArbEffects} acts as. */
export const membersEffects: ReadonlyArray<string> = ["a", "b"]

/**
 * Commands over {@link configEffects}, valid and invalid alike: sends of a few
 * values (repeats included) with hot keys or none, retries after lost
 * acknowledgements, joins, polls, processings (with and without
 * `crashMidway`), commits, crashes, clock advances across the dedup window,
 * the exactly-once loop's producer calls, service writes (a few events, so
 * `EventExists` comes up), relays, and the observers.
 */
export const commandArbEffects: fc.Arbitrary<Command> = (() => {
  const group = fc.constantFrom("naive", "atomic", "ktfe", "etk", "cas", "plain", "eos", "nope")
  const member = fc.constantFrom("a", "a", "a", "b")
  const key = fc.option(fc.constantFrom("k0", "k1"), { nil: undefined })
  const value = fc.constantFrom("v0", "v1", "v2", "v3")
  const offset = fc.nat(5)
  const service = fc.constantFrom("ob", "cts", "stc", "nope")
  const crash = fc.constantFrom<true | undefined>(true, undefined, undefined)
  return fc.oneof(
    { arbitrary: fc.tuple(value, key).map(([v, k]) => cmd.send("p", "in", v, k)), weight: 4 },
    { arbitrary: fc.tuple(value, key).map(([v, k]) => cmd.sendLost("p", "in", v, k)), weight: 1 },
    { arbitrary: fc.constant(cmd.retry("p")), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.join(g, m)), weight: 2 },
    { arbitrary: fc.tuple(group, member, fc.integer({ min: 1, max: 4 })).map(([g, m, n]) => cmd.poll(g, m, n)), weight: 3 },
    {
      arbitrary: fc.tuple(group, member, offset, crash).map(([g, m, o, c]) => (c === true ? cmd.processCrash(g, m, "in", 0, o) : cmd.process(g, m, "in", 0, o))),
      weight: 8
    },
    { arbitrary: fc.tuple(group, member, offset).map(([g, m, o]) => cmd.commit(g, m, [{ topic: "in", partition: 0, offset: o }])), weight: 1 },
    { arbitrary: fc.tuple(group, member).map(([g, m]) => cmd.crash(g, m)), weight: 1 },
    { arbitrary: fc.constantFrom(0, 1, 999, 1000, 11_000).map(cmd.advance), weight: 1 },
    { arbitrary: fc.tuple(member, fc.constantFrom("init", "begin", "commit", "abort")).map(([m, c]) =>
        c === "init" ? cmd.init(`eos/${m}`) : c === "begin" ? cmd.begin(`eos/${m}`) : c === "commit" ? cmd.txnCommit(`eos/${m}`) : cmd.txnAbort(`eos/${m}`)), weight: 2 },
    { arbitrary: fc.tuple(service, fc.constantFrom("e0", "e1", "e2", "e3"), key, crash).map(([s, e, k, c]) => cmd.write(s, e, k, c)), weight: 3 },
    { arbitrary: fc.tuple(service, crash).map(([s, c]) => cmd.relay(s, c)), weight: 2 },
    { arbitrary: group.map(cmd.effects), weight: 1 },
    { arbitrary: service.map(cmd.service), weight: 1 }
  )
})()

/**
 * A start for runs of {@link commandArbEffects}: keyed, keyless and repeated
 * records in `in`, member `a` joined to every group (`eos/a` initialized, its
 * transaction begun) and polled, so that random commands soon process.
 */
export const startEffects: ReadonlyArray<Command> = [
  cmd.send("p", "in", "v0", "k0"),
  cmd.send("p", "in", "v1", "k0"),
  cmd.send("p", "in", "v0", "k0"),
  cmd.send("p", "in", "v2"),
  cmd.send("p", "in", "v3", "k1"),
  ...configEffects.groups.flatMap((group) => [cmd.join(group.name, "a"), cmd.poll(group.name, "a", 3)]),
  cmd.init("eos/a"),
  cmd.begin("eos/a")
]

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

