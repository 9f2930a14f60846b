/**
 * Lag: how far consumers fell behind in a check's runs, the figure the domain
 * text's backpressure section turns on. Per group, the lag of a partition is
 * its high watermark minus the group's committed offset there (what a
 * restarted member would have to read again or for the first time); per
 * queue, the depth is the messages it holds (visible or in flight) and the
 * age of its oldest message is how long that message has waited. Each run
 * contributes its maximum of each, so the printout is the distribution of the
 * worst moment of a run over the runs.
 *
 * Read from the target's answers only, before the drain (the drain exists to
 * empty everything, so it would only add each run's final catch-up): high
 * watermarks from every answer that says where something was appended
 * (`Sent`, the results of exactly-once processing, services' and relays'
 * events, transaction markers, dead-letter publishes and redrives: offsets,
 * as Kafka counts lag); committed
 * offsets from `Committed`, and for exactly-once groups from the
 * `TxnOffsetsSent` of a transaction its `TxnCommitted` committed (an abort,
 * a coordinator timeout, a new init or a crash of its producer forgets
 * them); queue contents (visible or in flight) from `Enqueued`,
 * `Acknowledged`, dead-letter moves and redrives.
 *
 * @module
 */
import type { Config } from "../../spec/config.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import type { RunAnswers } from "./partitionLoad.ts"

/** The per-run maxima of one group's lag or one queue's depth and oldest age, one entry per run. */
export interface LagSeries {
  readonly name: string
  readonly kind: "group" | "queue"
  /** Group: the largest lag of any of its partitions in the run; queue: the most messages it held at once. */
  readonly perRun: Array<number>
  /** Queue only: the longest a message waited in it (ms), per run. */
  readonly ageMsPerRun: Array<number>
}

/** The lag of a check's runs (mutable: {@link lagAdd} adds to it). */
export interface Lag {
  readonly series: ReadonlyArray<LagSeries>
}

/** No runs yet, one series per group and per queue of `config`. */
export const lagInit = (config: Config): Lag => ({
  series: [
    ...config.groups.map((group) => ({ name: group.name, kind: "group" as const, perRun: [], ageMsPerRun: [] })),
    ...(config.queues ?? []).map((queue) => ({ name: queue.name, kind: "queue" as const, perRun: [], ageMsPerRun: [] }))
  ]
})

const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`

/**
 * Adds one run's first `before` answers (the commands before its drain):
 * each group's largest partition lag, each queue's largest depth and the
 * longest wait of a message still in it at some answer.
 */
export const lagAdd = (lag: Lag, config: Config, run: RunAnswers, before: number): void => {
  const topicsOf = new Map(config.groups.map((group) => [group.name, new Set(group.topics)]))
  const highWatermarks = new Map<string, number>()
  const committed = new Map<string, Map<string, number>>()
  const lagMax = new Map<string, number>()
  const held = new Map<string, Map<number, number>>()
  const depthMax = new Map<string, number>()
  const ageMax = new Map<string, number>()
  for (const queue of config.queues ?? []) held.set(queue.name, new Map())
  let nowMs = 0
  /** The group's lag now, over the partitions of its topics that have records. */
  const groupLag = (group: string): number => {
    const topics = topicsOf.get(group)
    const offsets = committed.get(group)
    let worst = 0
    for (const [key, highWatermark] of highWatermarks) {
      if (topics?.has(key.slice(0, key.lastIndexOf("/"))) !== true) continue
      worst = Math.max(worst, highWatermark - (offsets?.get(key) ?? 0))
    }
    return worst
  }
  const noteGroups = () => {
    for (const group of config.groups) lagMax.set(group.name, Math.max(lagMax.get(group.name) ?? 0, groupLag(group.name)))
  }
  const noteQueue = (queue: string) => {
    const messages = held.get(queue)
    if (messages === undefined) return
    depthMax.set(queue, Math.max(depthMax.get(queue) ?? 0, messages.size))
    for (const enqueuedAtMs of messages.values()) ageMax.set(queue, Math.max(ageMax.get(queue) ?? 0, nowMs - enqueuedAtMs))
  }
  const move = (from: string, to: string | undefined, messageId: number) => {
    const at = held.get(from)?.get(messageId)
    held.get(from)?.delete(messageId)
    if (to !== undefined && at !== undefined) held.get(to)?.set(messageId, at)
  }
  /** Per producer, the offsets its open transaction sent for a group, applied when it commits. */
  const offsetsPending = new Map<string, { readonly group: string; readonly offsets: ReadonlyArray<PartitionOffset> }>()
  const producersOfTransactionalId = (transactionalId: string): ReadonlyArray<string> => [
    transactionalId,
    ...(config.producers ?? []).filter((producer) => producer.transactionalId === transactionalId).map((producer) => producer.name)
  ]
  const appended = (at: PartitionOffset | undefined) => {
    if (at === undefined) return
    const key = partitionKey(at.topic, at.partition)
    highWatermarks.set(key, Math.max(highWatermarks.get(key) ?? 0, at.offset + 1))
  }
  const commit = (group: string, entries: ReadonlyArray<PartitionOffset>) => {
    const offsets = committed.get(group) ?? new Map<string, number>()
    for (const entry of entries) offsets.set(partitionKey(entry.topic, entry.partition), entry.offset)
    committed.set(group, offsets)
  }
  const length = Math.min(before, run.commands.length, run.actual.length)
  for (let i = 0; i < length; i++) {
    const answer = run.actual[i]
    switch (answer._tag) {
      case "Sent":
        appended(answer)
        noteGroups()
        break
      case "Processed":
      case "ProcessCrashed":
        appended(answer.output)
        noteGroups()
        break
      case "ServiceWritten":
      case "ServiceCrashed":
      case "Relayed":
      case "RelayCrashed":
        appended(answer.sent)
        noteGroups()
        break
      case "ProcessDeadLettered":
        appended(answer.deadLetter)
        noteGroups()
        break
      case "DeadLettersRedriven":
        answer.records.forEach((redriven) => appended(redriven.source))
        noteGroups()
        break
      case "Committed":
        commit(answer.group, answer.offsets)
        break
      case "TxnOffsetsSent":
        offsetsPending.set(answer.producer, { group: answer.group, offsets: answer.offsets })
        break
      case "TxnCommitted": {
        answer.markers.forEach(appended)
        const pending = offsetsPending.get(answer.producer)
        if (pending !== undefined) commit(pending.group, pending.offsets)
        offsetsPending.delete(answer.producer)
        noteGroups()
        break
      }
      case "TxnAborted":
        answer.markers.forEach(appended)
        offsetsPending.delete(answer.producer)
        break
      case "ProducerInitialized":
        answer.aborted?.forEach(appended)
        offsetsPending.delete(answer.producer)
        break
      case "ProducerCrashed":
        offsetsPending.delete(answer.producer)
        break
      case "Enqueued":
        if (answer.deduplicated !== true && answer.dropped !== answer.messageId) held.get(answer.queue)?.set(answer.messageId, nowMs)
        if (answer.dropped !== undefined) held.get(answer.queue)?.delete(answer.dropped)
        noteQueue(answer.queue)
        break
      case "Acknowledged":
        if (answer.deleted) held.get(answer.queue)?.delete(answer.messageId)
        break
      case "Released": {
        const deadLetterQueue = config.queues?.find((q) => q.name === answer.queue)?.deadLetterQueue
        if (answer.deadLettered && deadLetterQueue !== undefined) {
          move(answer.queue, deadLetterQueue, answer.messageId)
          noteQueue(deadLetterQueue)
        }
        break
      }
      case "Redriven":
        for (const message of answer.messages) {
          move(answer.queue, message.source, message.messageId)
          noteQueue(message.source)
        }
        break
      case "ClockAdvanced":
        nowMs = answer.nowMs
        for (const moved of answer.deadLettered ?? []) move(moved.queue, moved.deadLetterQueue, moved.messageId)
        for (const aborted of answer.transactionsAborted ?? []) {
          aborted.markers.forEach(appended)
          for (const producer of producersOfTransactionalId(aborted.transactionalId)) offsetsPending.delete(producer)
        }
        for (const queue of held.keys()) noteQueue(queue)
        break
    }
  }
  for (const series of lag.series) {
    if (series.kind === "group") {
      series.perRun.push(lagMax.get(series.name) ?? 0)
    } else {
      series.perRun.push(depthMax.get(series.name) ?? 0)
      series.ageMsPerRun.push(ageMax.get(series.name) ?? 0)
    }
  }
}

/**
 * Appends `later`, the lag of the runs that follow `lag`'s (folded
 * elsewhere, such as in a worker thread), to `lag`: the same as adding those
 * runs one by one, in order.
 */
export const lagMerge = (lag: Lag, later: Lag): void => {
  lag.series.forEach((series, s) => {
    for (const worst of later.series[s].perRun) series.perRun.push(worst)
    for (const ageMs of later.series[s].ageMsPerRun) series.ageMsPerRun.push(ageMs)
  })
}

/** The value at quantile `q` of `values` (nearest rank), 0 for none. */
const quantile = (values: ReadonlyArray<number>, q: number): number => {
  if (values.length === 0) return 0
  const sorted = values.slice().sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

const count = (n: number): string => n.toLocaleString("en-US")

/** The compact lag summary: per group and per queue, the median, 90th percentile and maximum over runs of each run's worst moment. */
export const formatLag = (lag: Lag): string => {
  const parts = lag.series.map((series) => {
    const figures = `median ${count(quantile(series.perRun, 0.5))}, p90 ${count(quantile(series.perRun, 0.9))}, max ${count(quantile(series.perRun, 1))}`
    if (series.kind === "group") return `group ${series.name} lag ${figures} records`
    return `queue ${series.name} depth (visible and in flight) ${figures} messages, oldest waited up to ${count(quantile(series.ageMsPerRun, 1))} ms`
  })
  return `lag (each run's worst moment before the drain, over the runs): ${parts.join("; ")}`
}
