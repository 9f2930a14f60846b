/**
 * A small in-memory Kafka-style queue written from qsem's spec alone: the
 * command contracts in the doc comments of `spec/command.ts` and the answers
 * of `spec/response.ts`. Plain TypeScript; `target.ts` wraps it for qsem.
 *
 * It supports at-most-once and at-least-once groups with plain producers
 * (lost acknowledgements and their retries included), services with a
 * transactional outbox or a dual write (spec/command/service.ts) and the
 * observer commands. It has no idempotent or transactional producers: every
 * producer is plain, `ProducerInit` and the transaction commands are answered
 * `NotTransactional`, and its logs hold no markers; and its groups apply no
 * external effect (`ObserverEffects` lists nothing), and it has no queues
 * (every queue command is answered `UnknownQueue`). So check it with configs
 * that configure no idempotent or transactional producer, no `exactly-once`
 * group, no group `effect` and no queue.
 *
 * @module
 */
import type {
  BusinessRow,
  Command,
  CommandOf,
  Config,
  GroupConfig,
  LogRecord,
  OutboxRow,
  PartitionOffset,
  Response,
  ServiceConfig,
  TopicPartition
} from "qsem"
import { assign } from "./assign.ts"
import { partitionOfKey } from "./murmur2.ts"

/** The broker's view of a group: members in join order, generation, assignment, commits. */
interface Group {
  readonly config: GroupConfig
  readonly members: Array<{ readonly name: string; lastSeenMs: number }>
  generation: number
  assignment: Map<string, Array<TopicPartition>>
  readonly committed: Map<string, number>
}

/** One running consumer client: what it last learned, its positions and its unprocessed records. */
interface Client {
  generation: number
  assignment: ReadonlyArray<TopicPartition>
  positions: Map<string, number>
  readonly buffer: Array<LogRecord>
}

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`

/** A service's database: its business rows in commit order and its outbox rows in insertion order. */
interface Service {
  readonly config: ServiceConfig
  readonly rows: Array<BusinessRow>
  readonly outbox: Array<OutboxRow>
}

/** An in-memory queue for one config; `execute` answers every qsem command. */
export class InMemoryQueue {
  private nowMs = 0
  private readonly logs = new Map<string, Array<Array<LogRecord>>>()
  private readonly roundRobin = new Map<string, number>()
  private readonly groups = new Map<string, Group>()
  private readonly clients = new Map<string, Map<string, Client>>()
  private readonly services = new Map<string, Service>()
  /** Per producer, its send whose acknowledgement was lost and that it has not retried. */
  private readonly pending = new Map<string, { readonly topic: string; readonly partition: number; readonly key: string | undefined; readonly value: string }>()

  constructor(private readonly config: Config) {
    for (const topic of config.topics) {
      this.logs.set(topic.name, Array.from({ length: topic.partitions }, () => []))
    }
    for (const group of config.groups) {
      this.groups.set(group.name, { config: group, members: [], generation: 0, assignment: new Map(), committed: new Map() })
      this.clients.set(group.name, new Map())
    }
    for (const service of config.services ?? []) this.services.set(service.name, { config: service, rows: [], outbox: [] })
  }

  /** Executes one command and answers it; invalid commands get the typed error answers. */
  execute(command: Command): Response {
    switch (command._tag) {
      case "ProducerSend": return this.send(command)
      case "GroupJoin": return this.join(command)
      case "GroupLeave": return this.leave(command)
      case "ConsumerHeartbeat": return this.heartbeat(command)
      case "ConsumerPoll": return this.poll(command)
      case "ConsumerProcess": return this.process(command)
      case "ConsumerCommit": return this.commit(command)
      case "ConsumerSeek": return this.seek(command)
      case "ConsumerCrash": return this.crash(command)
      case "ClockAdvance": return this.advance(command)
      case "ProducerRetry": return this.retry(command)
      case "ProducerCrash":
        this.pending.delete(command.producer)
        return { _tag: "ProducerCrashed", producer: command.producer }
      case "ProducerInit":
      case "TxnBegin":
      case "TxnSendOffsets":
      case "TxnCommit":
      case "TxnAbort":
        return { _tag: "NotTransactional", producer: command.producer }
      case "ObserverDump": return this.dump(command)
      case "ObserverOffsets": return this.offsets(command)
      case "ServiceWrite": return this.serviceWrite(command)
      case "RelayPublish": return this.relay(command)
      case "ObserverEffects":
        if (!this.groups.has(command.group)) return { _tag: "UnknownGroup", group: command.group }
        return { _tag: "EffectsListed", group: command.group, applied: [], remembered: [], entities: [] }
      case "ObserverService": {
        const service = this.services.get(command.service)
        if (service === undefined) return { _tag: "UnknownService", service: command.service }
        return { _tag: "ServiceListed", service: command.service, rows: [...service.rows], outbox: service.outbox.map((row) => ({ ...row })) }
      }
      case "QueueSend":
      case "QueueReceive":
      case "QueueProcess":
      case "QueueAck":
      case "QueueRelease":
      case "QueueExtend":
      case "QueueCrash":
      case "QueueRedrive":
      case "ObserverQueue":
        return { _tag: "UnknownQueue", queue: command.queue }
      case "DownstreamDown":
      case "DownstreamUp":
        if (!this.groups.has(command.group)) return { _tag: "UnknownGroup", group: command.group }
        return { _tag: "NoFailurePolicy", group: command.group }
      case "DeadLetterRedrive":
        if (!this.groups.has(command.group)) return { _tag: "UnknownGroup", group: command.group }
        return { _tag: "NoDeadLetterTopic", group: command.group }
      case "BrokerRestart":
        // No queues, so no queue consumer loses a client; the logs live in this process and survive.
        return { _tag: "BrokerRestarted", clients: [] }
    }
  }

  private send(c: CommandOf<"ProducerSend">): Response {
    const log = this.logs.get(c.topic)
    if (log === undefined) return { _tag: "UnknownTopic", topic: c.topic }
    const partition = this.partitionFor(c.producer, c.topic, c.key)
    this.pending.delete(c.producer)
    if (c.ackLost === true) {
      this.pending.set(c.producer, { topic: c.topic, partition, key: c.key, value: c.value })
      this.append(c.producer, c.topic, partition, c.key, c.value)
      return { _tag: "SendTimedOut", producer: c.producer, topic: c.topic, partition }
    }
    return { _tag: "Sent", topic: c.topic, partition, offset: this.append(c.producer, c.topic, partition, c.key, c.value) }
  }

  /** Kafka's murmur2 partition of a keyed record; the (producer, topic) round-robin counter for an unkeyed one. */
  private partitionFor(producer: string, topic: string, key: string | undefined): number {
    const partitions = this.logs.get(topic)!.length
    if (key !== undefined) return partitionOfKey(key, partitions)
    const counterKey = `${producer}\u0000${topic}`
    const counter = this.roundRobin.get(counterKey) ?? 0
    this.roundRobin.set(counterKey, counter + 1)
    return counter % partitions
  }

  /** A service's plain send of an event by `service:<name>` (key = the event's key, value = the event id). */
  private serviceSend(service: Service, event: string, key: string | undefined): PartitionOffset {
    const producer = `service:${service.config.name}`
    const { topic } = service.config
    const partition = this.partitionFor(producer, topic, key)
    return { topic, partition, offset: this.append(producer, topic, partition, key, event) }
  }

  private serviceWrite(c: CommandOf<"ServiceWrite">): Response {
    const service = this.services.get(c.service)
    if (service === undefined) return { _tag: "UnknownService", service: c.service }
    if (service.rows.some((row) => row.event === c.event)) return { _tag: "EventExists", service: c.service, event: c.event }
    const crashed = c.crashMidway === true
    const row: BusinessRow = { event: c.event, ...(c.key !== undefined ? { key: c.key } : {}), atMs: this.nowMs }
    switch (service.config.publish) {
      case "outbox":
        // One local transaction: a crash before its commit rolls both rows back.
        if (crashed) return { _tag: "ServiceCrashed", service: c.service, event: c.event, committed: false }
        service.rows.push(row)
        service.outbox.push({ event: c.event, ...(c.key !== undefined ? { key: c.key } : {}), published: false })
        return { _tag: "ServiceWritten", service: c.service, event: c.event }
      case "commit-then-send": {
        service.rows.push(row)
        if (crashed) return { _tag: "ServiceCrashed", service: c.service, event: c.event, committed: true }
        return { _tag: "ServiceWritten", service: c.service, event: c.event, sent: this.serviceSend(service, c.event, c.key) }
      }
      case "send-then-commit": {
        const sent = this.serviceSend(service, c.event, c.key)
        if (crashed) return { _tag: "ServiceCrashed", service: c.service, event: c.event, committed: false, sent }
        service.rows.push(row)
        return { _tag: "ServiceWritten", service: c.service, event: c.event, sent }
      }
    }
  }

  /** The outbox relay: send the oldest unpublished row's event, then mark the row (a crash in between sends it again later). */
  private relay(c: CommandOf<"RelayPublish">): Response {
    const service = this.services.get(c.service)
    if (service === undefined) return { _tag: "UnknownService", service: c.service }
    if (service.config.publish !== "outbox") return { _tag: "NotAnOutbox", service: c.service }
    const index = service.outbox.findIndex((row) => !row.published)
    if (index < 0) return { _tag: "OutboxEmpty", service: c.service }
    const row = service.outbox[index]
    const sent = this.serviceSend(service, row.event, row.key)
    if (c.crashMidway === true) return { _tag: "RelayCrashed", service: c.service, event: row.event, sent }
    service.outbox[index] = { ...row, published: true }
    return { _tag: "Relayed", service: c.service, event: row.event, sent }
  }

  /** A plain producer's retry appends its pending send again (no idempotence here). */
  private retry(c: CommandOf<"ProducerRetry">): Response {
    const pending = this.pending.get(c.producer)
    if (pending === undefined) return { _tag: "NothingToRetry", producer: c.producer }
    const offset = this.append(c.producer, pending.topic, pending.partition, pending.key, pending.value)
    if (c.ackLost === true) return { _tag: "SendTimedOut", producer: c.producer, topic: pending.topic, partition: pending.partition }
    this.pending.delete(c.producer)
    return { _tag: "Sent", topic: pending.topic, partition: pending.partition, offset }
  }

  private append(producer: string, topic: string, partition: number, key: string | undefined, value: string): number {
    const records = this.logs.get(topic)![partition]
    const offset = records.length
    records.push({ topic, partition, offset, producer, ...(key !== undefined ? { key } : {}), value, timestampMs: this.nowMs })
    return offset
  }

  /** The raw entries of one partition: data records only, since nothing here is transactional. */
  private dump(c: CommandOf<"ObserverDump">): Response {
    const log = this.logs.get(c.topic)
    if (log === undefined) return { _tag: "UnknownTopic", topic: c.topic }
    const records = log[c.partition]
    if (records === undefined) return { _tag: "UnknownPartition", topic: c.topic, partition: c.partition }
    const highWatermark = records.length
    if (c.offset > highWatermark) return { _tag: "OffsetOutOfRange", topic: c.topic, partition: c.partition, offset: c.offset, highWatermark }
    const entries = records.slice(c.offset, c.offset + c.entriesMax).map((r) => ({
      _tag: "Data" as const,
      offset: r.offset,
      producer: r.producer,
      ...(r.key !== undefined ? { key: r.key } : {}),
      value: r.value,
      timestampMs: r.timestampMs
    }))
    return { _tag: "Dumped", topic: c.topic, partition: c.partition, entries, highWatermark, lastStableOffset: highWatermark }
  }

  private offsets(c: CommandOf<"ObserverOffsets">): Response {
    const group = this.groups.get(c.group)
    if (group === undefined) return { _tag: "UnknownGroup", group: c.group }
    const offsets: Array<PartitionOffset> = []
    for (const topic of this.config.topics) {
      for (let partition = 0; partition < topic.partitions; partition++) {
        const offset = group.committed.get(keyOf(topic.name, partition))
        if (offset !== undefined) offsets.push({ topic: topic.name, partition, offset })
      }
    }
    offsets.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
    return { _tag: "OffsetsFetched", group: c.group, offsets }
  }

  private join(c: CommandOf<"GroupJoin">): Response {
    const group = this.groups.get(c.group)
    if (group === undefined) return { _tag: "UnknownGroup", group: c.group }
    const clients = this.clients.get(c.group)!
    const listed = group.members.find((m) => m.name === c.member)
    if (listed !== undefined && clients.has(c.member)) return { _tag: "AlreadyMember", group: c.group, member: c.member }
    if (listed === undefined) group.members.push({ name: c.member, lastSeenMs: this.nowMs })
    else listed.lastSeenMs = this.nowMs
    this.rebalance(group)
    const assignment = group.assignment.get(c.member) ?? []
    clients.set(c.member, { generation: group.generation, assignment, positions: new Map(), buffer: [] })
    return { _tag: "Joined", group: c.group, member: c.member, generation: group.generation, assignment }
  }

  private leave(c: CommandOf<"GroupLeave">): Response {
    const found = this.brokerMember(c)
    if ("_tag" in found) return found
    const { group } = found
    group.members.splice(group.members.findIndex((m) => m.name === c.member), 1)
    this.clients.get(c.group)!.delete(c.member)
    this.rebalance(group)
    return { _tag: "Left", group: c.group, member: c.member, generation: group.generation }
  }

  private heartbeat(c: CommandOf<"ConsumerHeartbeat">): Response {
    const found = this.heardFrom(c)
    if ("_tag" in found) return found
    const { client } = found
    return { _tag: "HeartbeatOk", group: c.group, member: c.member, generation: client.generation, assignment: client.assignment }
  }

  private poll(c: CommandOf<"ConsumerPoll">): Response {
    const found = this.heardFrom(c)
    if ("_tag" in found) return found
    const { group, client } = found
    const records: Array<LogRecord> = []
    for (const tp of client.assignment) {
      const key = keyOf(tp.topic, tp.partition)
      const from = client.positions.get(key) ?? group.committed.get(key) ?? 0
      const taken = this.logs.get(tp.topic)![tp.partition].slice(from, from + (c.recordsMax - records.length))
      records.push(...taken)
      client.buffer.push(...taken)
      client.positions.set(key, from + taken.length)
    }
    return { _tag: "Polled", group: c.group, member: c.member, records }
  }

  private process(c: CommandOf<"ConsumerProcess">): Response {
    const found = this.running(c)
    if ("_tag" in found) return found
    const { client } = found
    const index = client.buffer.findIndex((r) => r.topic === c.topic && r.partition === c.partition && r.offset === c.offset)
    const record = { group: c.group, member: c.member, topic: c.topic, partition: c.partition, offset: c.offset }
    if (index < 0) return { _tag: "NotDelivered", ...record }
    if (c.crashMidway === true) {
      // No effect and no output: the process dies before any write, and its client goes with it.
      this.clients.get(c.group)!.delete(c.member)
      return { _tag: "ProcessCrashed", ...record }
    }
    client.buffer.splice(index, 1)
    return { _tag: "Processed", ...record }
  }

  private commit(c: CommandOf<"ConsumerCommit">): Response {
    const found = this.brokerMember(c)
    if ("_tag" in found) return found
    const { group, client } = found
    this.see(group, c.member)
    if (client.generation < group.generation) {
      return { _tag: "StaleGeneration", group: c.group, member: c.member, generation: client.generation, generationCurrent: group.generation }
    }
    const assigned = group.assignment.get(c.member) ?? []
    for (const entry of c.offsets) {
      const log = this.logs.get(entry.topic)
      if (log === undefined) return { _tag: "UnknownTopic", topic: entry.topic }
      if (!assigned.some((tp) => tp.topic === entry.topic && tp.partition === entry.partition)) {
        return { _tag: "NotAssigned", group: c.group, member: c.member, topic: entry.topic, partition: entry.partition }
      }
      const highWatermark = log[entry.partition].length
      if (entry.offset > highWatermark) return { _tag: "OffsetOutOfRange", ...this.offsetOf(entry), highWatermark }
    }
    for (const entry of c.offsets) group.committed.set(keyOf(entry.topic, entry.partition), entry.offset)
    return { _tag: "Committed", group: c.group, member: c.member, generation: group.generation, offsets: c.offsets }
  }

  private seek(c: CommandOf<"ConsumerSeek">): Response {
    const found = this.running(c)
    if ("_tag" in found) return found
    const { client } = found
    const log = this.logs.get(c.topic)
    if (log === undefined) return { _tag: "UnknownTopic", topic: c.topic }
    if (!client.assignment.some((tp) => tp.topic === c.topic && tp.partition === c.partition)) {
      return { _tag: "NotAssigned", group: c.group, member: c.member, topic: c.topic, partition: c.partition }
    }
    const highWatermark = log[c.partition].length
    if (c.offset > highWatermark) return { _tag: "OffsetOutOfRange", ...this.offsetOf(c), highWatermark }
    client.positions.set(keyOf(c.topic, c.partition), c.offset)
    return { _tag: "Seeked", group: c.group, member: c.member, topic: c.topic, partition: c.partition, offset: c.offset }
  }

  private crash(c: CommandOf<"ConsumerCrash">): Response {
    const found = this.running(c)
    if ("_tag" in found) return found
    this.clients.get(c.group)!.delete(c.member)
    return { _tag: "Crashed", group: c.group, member: c.member }
  }

  private advance(c: CommandOf<"ClockAdvance">): Response {
    this.nowMs += c.ms
    const expired: Array<{ group: string; member: string }> = []
    const rebalanced: Array<{ group: string; generation: number }> = []
    for (const group of this.groups.values()) {
      const gone = group.members.filter((m) => m.lastSeenMs + this.config.sessionTimeoutMs <= this.nowMs)
      if (gone.length === 0) continue
      for (const member of gone) {
        expired.push({ group: group.config.name, member: member.name })
        group.members.splice(group.members.indexOf(member), 1)
      }
      this.rebalance(group)
      rebalanced.push({ group: group.config.name, generation: group.generation })
    }
    return { _tag: "ClockAdvanced", nowMs: this.nowMs, expired, rebalanced }
  }

  // ---------------------------------------------------------------- shared checks

  /** Checks 1-2 for local commands: the group exists and the member has a running client. */
  private running(c: { readonly group: string; readonly member: string }): Response | { group: Group; client: Client } {
    const group = this.groups.get(c.group)
    if (group === undefined) return { _tag: "UnknownGroup", group: c.group }
    const client = this.clients.get(c.group)!.get(c.member)
    if (client === undefined) return { _tag: "UnknownMember", group: c.group, member: c.member }
    return { group, client }
  }

  /** Checks 1-2 for broker calls: the member also has to be listed in the group's membership. */
  private brokerMember(c: { readonly group: string; readonly member: string }): Response | { group: Group; client: Client } {
    const found = this.running(c)
    if ("_tag" in found) return found
    if (!found.group.members.some((m) => m.name === c.member)) return { _tag: "UnknownMember", group: c.group, member: c.member }
    return found
  }

  /** Checks 1-4 of heartbeat and poll: a broker member is heard from, and a stale client syncs. */
  private heardFrom(c: { readonly group: string; readonly member: string }): Response | { group: Group; client: Client } {
    const found = this.brokerMember(c)
    if ("_tag" in found) return found
    const { group, client } = found
    this.see(group, c.member)
    if (client.generation < group.generation) {
      client.generation = group.generation
      client.assignment = group.assignment.get(c.member) ?? []
      client.positions = new Map()
      return { _tag: "RebalanceInProgress", group: c.group, member: c.member, generation: client.generation, assignment: client.assignment }
    }
    return found
  }

  private see(group: Group, member: string): void {
    group.members.find((m) => m.name === member)!.lastSeenMs = this.nowMs
  }

  private offsetOf(entry: PartitionOffset): PartitionOffset {
    return { topic: entry.topic, partition: entry.partition, offset: entry.offset }
  }

  /** A rebalance: the next generation, and every broker member's partitions computed at once. */
  private rebalance(group: Group): void {
    group.generation += 1
    const topics = new Map<string, number>()
    for (const name of group.config.topics) topics.set(name, this.logs.get(name)!.length)
    group.assignment = assign(group.config.assignor, group.members.map((m) => m.name), topics)
  }
}
