/**
 * The configs the JetStream target cannot run, each refused at `open` with
 * one line naming what is wrong.
 *
 * @module
 */
import { type Config, isFifo, queueDedupWindowMsOf } from "../../spec/config.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import { RealTime } from "../realTime.ts"

/** JetStream's least `duplicate_window`: 100 ms (nats-server refuses a stream with less). */
export const duplicateWindowMsMin = 100

/**
 * Why the JetStream target cannot run `config`, or `undefined` when it can:
 *
 * - topics, groups, services or configured producers: the target translates
 *   the queue commands only (JetStream streams could play Kafka's topics,
 *   but this adapter does not map qsem's stream half);
 * - no queue;
 * - no `clockQuantumMs`: JetStream's timers run on real time, set half a
 *   quantum before the logical time a run reaches them at (brokers/realTime.ts);
 * - a redrive policy (`receiveCountMax` with `deadLetterQueue`): JetStream
 *   has no dead-letter queue. Past `max_deliver` a message is simply not
 *   delivered again (it stays in the stream) and the server publishes a
 *   `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES` advisory, in 2.9 only when
 *   the consumer next hands out messages (a pull), not when the last ack
 *   wait ends; moving the message would be the application's code, not the
 *   broker's;
 * - a bounded queue (`messagesMax` with `overflow`): JetStream's `max_msgs`
 *   counts every stored message, in flight ones included, where qsem counts
 *   visible ones, and `discard: old` drops the oldest stored message, in
 *   flight or not; not mapped;
 * - a FIFO queue whose dedup window, as a broker timer at `timeScale`, is
 *   under JetStream's least `duplicate_window` of 100 ms.
 */
export const refusalOf = (config: Config, timeScale: number | undefined): string | undefined => {
  const refused = (reason: string) => `nats-jetstream cannot run this config: ${reason}`
  if (config.topics.length > 0 || config.groups.length > 0) return refused("it runs queue configs only (\"topics\": [], \"groups\": [])")
  if ((config.services ?? []).length > 0) return refused("it runs queue configs only (no services)")
  if ((config.producers ?? []).length > 0) return refused("it runs queue configs only (no configured producers)")
  const queues = config.queues ?? []
  if (queues.length === 0) return refused("the config has no queue")
  if (config.clockQuantumMs === undefined) return refused("a real broker runs on real time: the config needs a clockQuantumMs")
  for (const queue of queues) {
    const name = quoteInput(queue.name)
    if (queue.receiveCountMax !== undefined || queue.deadLetterQueue !== undefined) {
      return refused(
        `queue ${name} has a redrive policy, but JetStream has no dead-letter queue (past max_deliver a message is only not delivered again, with an advisory)`
      )
    }
    if (queue.messagesMax !== undefined || queue.overflow !== undefined) {
      return refused(`queue ${name} is bounded, but JetStream's max_msgs counts in-flight messages too and discard: old drops them; not mapped`)
    }
    const time = new RealTime(config, timeScale)
    if (isFifo(queue) && time.timerMs(queueDedupWindowMsOf(queue)) < duplicateWindowMsMin) {
      return refused(
        `queue ${name}'s dedupWindowMs ${queueDedupWindowMsOf(queue)} is a ${time.timerMs(queueDedupWindowMsOf(queue))} ms broker timer at time scale ${time.scale}, under JetStream's least duplicate_window of ${duplicateWindowMsMin} ms`
      )
    }
  }
  return undefined
}
