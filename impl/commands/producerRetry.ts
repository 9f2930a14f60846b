/**
 * `ProducerRetry`: 1. `NothingToRetry` without a pending send; 2. a
 * transactional producer that is fenced (known, or by the coordinator's
 * epoch) gets `ProducerFenced` and drops its pending send; 3. an idempotent
 * retry the broker recognises appends nothing and answers the original
 * offset, any other is appended again; 4. answer `Sent` (pending cleared),
 * or `SendTimedOut` when this acknowledgement is lost too (still pending).
 *
 * @module
 */
import { NothingToRetry, ProducerFenced, SendTimedOut } from "../errors.ts"
import { fenceAtCoordinator } from "../producer/checks.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerRetry` handler. */
export const producerRetry: Handler<"ProducerRetry", "Sent"> = (s, { ackLost, producer }) => {
  const { clock, config, producerClients: clients, producerTransport: transport, transactionCoordinator: coordinator } = s
  const client = clients.get(producer)
  const pending = client.pending
  if (pending === undefined) throw new NothingToRetry({ producer })
  const { transactionalId } = config.producer(producer)
  if (transactionalId !== undefined) {
    if (client.fenced) {
      clients.update(producer, (current) => ({ ...current, pending: undefined }))
      throw new ProducerFenced({ producer })
    }
    fenceAtCoordinator(coordinator, clients, transactionalId, client.epoch ?? 0, producer)
  }
  const answer = transport.resend({
    producer,
    topic: pending.topic,
    partition: pending.partition,
    key: pending.key,
    value: pending.value,
    timestampMs: clock.nowMs(),
    stamp: pending.stamp,
    transactional: pending.transactional
  }, ackLost === true)
  if (ackLost === true) {
    throw new SendTimedOut({ producer, topic: pending.topic, partition: pending.partition })
  }
  clients.update(producer, (current) => ({ ...current, pending: undefined }))
  return { _tag: "Sent", topic: pending.topic, partition: pending.partition, offset: answer.offset }
}

