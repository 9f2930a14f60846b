/**
 * The JetStream names one session works in: a stream, a subject and a
 * durable consumer per queue of the config, all under a prefix of its own,
 * so sessions on one server never see each other. Queue names are not used
 * in them (a qsem name may hold characters a stream name may not: `.`,
 * spaces, `*`, `>`): the queue's index in the config is.
 *
 * @module
 */
import { randomBytes } from "node:crypto"

/** The names of one queue's JetStream objects. */
export interface QueueNames {
  /** The stream: `QSEM_<prefix>_<index>`. */
  readonly stream: string
  /** The stream's only subject, where sends publish: `qsem.<prefix>.<index>`. */
  readonly subject: string
  /** The durable pull consumer every consumer of the queue pulls from. */
  readonly consumer: string
}

/** A fresh session prefix: the process id and random hex (stream names allow letters, digits, `_` and `-`). */
export const sessionPrefix = (): string => `${process.pid}_${randomBytes(6).toString("hex")}`

/** The names of the queue at `index` in a session with `prefix`. */
export const queueNames = (prefix: string, index: number): QueueNames => ({
  stream: `QSEM_${prefix}_${index}`,
  subject: `qsem.${prefix}.${index}`,
  consumer: "qsem"
})

/** The header that carries qsem's message id (the run's n-th enqueued message), so a delivery names its message whatever its stream sequence. */
export const messageIdHeader = "Qsem-Message-Id"

/** The header that carries a FIFO send's message group (JetStream has no groups: it is only carried). */
export const groupHeader = "Qsem-Group"

/** JetStream's deduplication header: a FIFO send's dedup id. */
export const dedupHeader = "Nats-Msg-Id"
