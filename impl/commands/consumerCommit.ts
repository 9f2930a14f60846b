/**
 * `ConsumerCommit`: 1. `UnknownGroup`; 2. `UnknownMember` unless a running
 * broker member; 3. `lastSeenMs = nowMs`; 4. `StaleGeneration` (the fence);
 * 5. per entry in order: `UnknownTopic`, `NotAssigned` (by the group's
 * current assignment), `OffsetOutOfRange`; 6. all entries stored at once;
 * answer `Committed`.
 *
 * @module
 */
import { NotAssigned, OffsetOutOfRange } from "../errors.ts"
import { reachBroker } from "../internal/checks.ts"
import { holdsPartition } from "../internal/topicPartition.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerCommit` handler. */
export const consumerCommit: Handler<"ConsumerCommit", "Committed"> = (s, command) => {
  const { clock, config, consumerClients: clients, groupCoordinator: coordinator, logStore: logs, offsetStore: offsets } = s
  const { group, member } = command
  config.requireGroup(group)
  const { client, view } = reachBroker(clients, coordinator, group, member, clock.nowMs())
  coordinator.fence(group, member, client.generation)
  const log = logs.snapshot()
  for (const { offset, partition, topic } of command.offsets) {
    config.requireTopic(topic)
    if (!holdsPartition(view.assignment, topic, partition)) {
      throw new NotAssigned({ group, member, topic, partition })
    }
    const highWatermark = log.highWatermark(topic, partition)
    if (offset > highWatermark) throw new OffsetOutOfRange({ topic, partition, offset, highWatermark })
  }
  offsets.commit(group, command.offsets)
  return { _tag: "Committed", group, member, generation: client.generation, offsets: command.offsets }
}

