/**
 * `ConsumerSeek`: 1. `UnknownGroup`; 2. `UnknownMember` unless running
 * (seeking is local); 3. `UnknownTopic`; 4. `NotAssigned` unless the
 * client's assignment holds the partition; 5. `OffsetOutOfRange` above the
 * high watermark (below the log start is allowed: the next poll resets it);
 * 6. the position becomes `offset`, the buffer stays; answer `Seeked`.
 *
 * @module
 */
import { NotAssigned, OffsetOutOfRange } from "../errors.ts"
import { holdsPartition } from "../internal/topicPartition.ts"
import type { Handler } from "./handler.ts"

/** The `ConsumerSeek` handler. */
export const consumerSeek: Handler<"ConsumerSeek", "Seeked"> = (s, { group, member, offset, partition, topic }) => {
  const { config, consumerClients: clients, logStore: logs } = s
  config.requireGroup(group)
  const client = clients.running(group, member)
  config.requireTopic(topic)
  if (!holdsPartition(client.assignment, topic, partition)) {
    throw new NotAssigned({ group, member, topic, partition })
  }
  const highWatermark = logs.snapshot().highWatermark(topic, partition)
  if (offset > highWatermark) throw new OffsetOutOfRange({ topic, partition, offset, highWatermark })
  clients.seek(group, member, topic, partition, offset)
  return { _tag: "Seeked", group, member, topic, partition, offset }
}

