/**
 * Partition load: how the acknowledged records of a check's runs spread over
 * each topic's partitions, and how many of them had a key. Kafka's default
 * partitioner puts every record of a key on one partition, so a key that
 * carries most of the traffic loads one partition with most of it (a hot
 * key), whatever the partition count.
 *
 * Read from the target's answers: a record counts where its `Sent` answer
 * says it was appended (a `ProducerSend`, or a `ProducerRetry` after a lost
 * acknowledgement). A send whose acknowledgement was lost and never retried
 * is not counted: its producer never learnt where it went.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"

/** The acknowledged records of one topic, per partition (index = partition), and of them the keyed ones. */
export interface TopicLoad {
  readonly topic: string
  /** Acknowledged records per partition. */
  readonly records: Array<number>
  /** Of those, the records sent with a key (the empty key included: it is a key). */
  readonly keyedRecords: Array<number>
}

/** The partition load of a check's runs, topic by topic in the config's order (mutable: {@link partitionLoadAdd} adds to it). */
export interface PartitionLoad {
  readonly topics: ReadonlyArray<TopicLoad>
}

/** Zero load for every partition of every topic of `config`. */
export const partitionLoadInit = (config: Config): PartitionLoad => ({
  topics: config.topics.map((topic) => ({
    topic: topic.name,
    records: new Array<number>(topic.partitions).fill(0),
    keyedRecords: new Array<number>(topic.partitions).fill(0)
  }))
})

/** The commands and the target's answers of one run (a `Run` is one). */
export interface RunAnswers {
  readonly commands: ReadonlyArray<Command>
  readonly actual: ReadonlyArray<Response>
}

/**
 * Adds one run's acknowledged records. Whether a record had a key is read
 * off the command that sent it: a `ProducerRetry` repeats its producer's last
 * `ProducerSend` (a retry always directly follows the send it repeats). An
 * answer naming a topic or partition the config does not have (a broken
 * target) is left out.
 *
 * @example
 * ```ts
 * const load = partitionLoadInit(config)
 * partitionLoadAdd(load, run)
 * load.topics[0].records // [12, 7, 5]
 * ```
 */
export const partitionLoadAdd = (load: PartitionLoad, run: RunAnswers): void => {
  const lastSendKeyed = new Map<string, boolean>()
  const length = Math.min(run.commands.length, run.actual.length)
  for (let i = 0; i < length; i++) {
    const command = run.commands[i]
    let keyed: boolean
    if (command._tag === "ProducerSend") {
      keyed = command.key !== undefined
      lastSendKeyed.set(command.producer, keyed)
    } else if (command._tag === "ProducerRetry") {
      keyed = lastSendKeyed.get(command.producer) ?? false
    } else {
      continue
    }
    const answer = run.actual[i]
    if (answer._tag !== "Sent") continue
    const topic = load.topics.find((t) => t.topic === answer.topic)
    if (topic === undefined || answer.partition >= topic.records.length) continue
    topic.records[answer.partition] += 1
    if (keyed) topic.keyedRecords[answer.partition] += 1
  }
}

/**
 * Adds `later`, the load of other runs of the same config (folded elsewhere,
 * such as in a worker thread), to `load`: the same as adding those runs to
 * `load` one by one.
 */
export const partitionLoadMerge = (load: PartitionLoad, later: PartitionLoad): void => {
  load.topics.forEach((topic, t) => {
    const other = later.topics[t]
    topic.records.forEach((_, i) => {
      topic.records[i] += other.records[i]
      topic.keyedRecords[i] += other.keyedRecords[i]
    })
  })
}
