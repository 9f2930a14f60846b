/**
 * `TxnSendOffsets`: 1-3. `NotTransactional`, `ProducerNotInitialized`,
 * `ProducerFenced` (known); 4. `TransactionNotOpen`; 5. `UnknownGroup`;
 * 6. `UnknownMember` unless the member runs; 7. the coordinator's fence;
 * 8-9. the group metadata check of KIP-447 (`UnknownMember` unless a broker
 * member, `StaleGeneration` for an older client generation); 10. per entry:
 * `UnknownTopic`, `NotAssigned` (the group's current assignment),
 * `OffsetOutOfRange`; 11. the transaction holds the offsets for the group
 * (the session is not refreshed). Answer `TxnOffsetsSent`.
 *
 * @module
 */
import { NotAssigned, OffsetOutOfRange, TransactionNotOpen } from "../errors.ts"
import { holdsPartition } from "../internal/topicPartition.ts"
import { fenceAtCoordinator, requireInitialized } from "../producer/checks.ts"
import type { Handler } from "./handler.ts"

/** The `TxnSendOffsets` handler. */
export const txnSendOffsets: Handler<"TxnSendOffsets", "TxnOffsetsSent"> = (s, command) => {
  const { clock, config, consumerClients: consumers, groupCoordinator: groups, logStore: logs, producerClients: producers, transactionCoordinator: transactions } = s
  const { group, member, producer } = command
  const { client, epoch, transactionalId } = requireInitialized(
    config.producer(producer),
    producers.get(producer),
    producer
  )
  if (!client.inTransaction) throw new TransactionNotOpen({ producer })
  config.requireGroup(group)
  const consumer = consumers.running(group, member)
  fenceAtCoordinator(transactions, producers, transactionalId, epoch, producer)
  groups.validateTxnOffsets(group, member, consumer.generation)
  const assignment = groups.assignmentOf(group, member)
  const log = logs.snapshot()
  for (const { offset, partition, topic } of command.offsets) {
    config.requireTopic(topic)
    if (!holdsPartition(assignment, topic, partition)) throw new NotAssigned({ group, member, topic, partition })
    const highWatermark = log.highWatermark(topic, partition)
    if (offset > highWatermark) throw new OffsetOutOfRange({ topic, partition, offset, highWatermark })
  }
  transactions.addOffsets(transactionalId, group, command.offsets, clock.nowMs())
  return {
    _tag: "TxnOffsetsSent",
    producer,
    group,
    member,
    generation: consumer.generation,
    offsets: command.offsets
  }
}

