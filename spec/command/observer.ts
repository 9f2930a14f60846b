/**
 * Observer commands: reads outside any consumer group that change nothing,
 * as an operator's tools do (Kafka's `kafka-dump-log.sh` and
 * `kafka-consumer-groups.sh --describe`). The drain ends with them when a
 * config has configured producers or an `exactly-once` group, so the
 * checkers see every log whole and every group's committed offsets.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "../config.ts"

/**
 * Dumps the raw entries of one partition from `offset`: data records
 * (transactional or not) and transaction markers, as stored, up to
 * `entriesMax` of them and never past the high watermark.
 *
 * 1. `UnknownTopic`. 2. `UnknownPartition` when the topic has no such
 * partition. 3. `OffsetOutOfRange` above the high watermark. 4. Answer:
 * `Dumped`, with the partition's high watermark and last stable offset.
 */
export const ObserverDump = Schema.TaggedStruct("ObserverDump", {
  topic: Name,
  partition: Count,
  offset: Count,
  entriesMax: CountPositive
})

/**
 * Lists a group's committed offsets (offsets sent in a transaction count only
 * once it committed).
 *
 * 1. `UnknownGroup`. 2. Answer: `OffsetsFetched`, every partition the group
 * has a committed offset for, sorted by topic name, then partition.
 */
export const ObserverOffsets = Schema.TaggedStruct("ObserverOffsets", {
  group: Name
})
