/**
 * `ProducerSend`: 1. `UnknownTopic`; 2. a transactional producer's client
 * checks (`ProducerNotInitialized`, `ProducerFenced`, `TransactionNotOpen`);
 * 3. the partitioner; 4. the coordinator's fence and transaction; 5. an
 * idempotent producer's id and sequence; 6. the append; 7. the pending send:
 * answer `Sent`, or `SendTimedOut` when the acknowledgement is lost.
 *
 * @module
 */
import { send } from "../producer/send.ts"
import type { Handler } from "./handler.ts"

/** The `ProducerSend` handler. */
export const producerSend: Handler<"ProducerSend", "Sent"> = (s, command) => {
  const { config } = s
  const topic = config.requireTopic(command.topic)
  const placed = send(s, { producer: command.producer, topic, key: command.key, value: command.value, ackLost: command.ackLost === true })
  return { _tag: "Sent", topic: placed.topic, partition: placed.partition, offset: placed.offset }
}

