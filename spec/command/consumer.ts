/**
 * Consumer commands: what a member's client does with the broker and with
 * the records it was delivered.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Count, CountPositive, Name } from "../config.ts"
import { PartitionOffset } from "../record.ts"


/**
 * A member tells the coordinator it is alive, and learns of rebalances.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. `lastSeenMs = nowMs`. 4. When the client's generation is older
 * than the group's, the client syncs (adopts the group's generation and its
 * assignment, and forgets all positions: an eager rebalance revokes
 * everything) and the answer is `RebalanceInProgress`. 5. Answer:
 * `HeartbeatOk`.
 */
export const ConsumerHeartbeat = Schema.TaggedStruct("ConsumerHeartbeat", {
  group: Name,
  member: Name
})

/**
 * A member fetches up to `recordsMax` records from its assigned partitions.
 *
 * Checks 1-4 as for `ConsumerHeartbeat` (a stale client syncs and gets
 * `RebalanceInProgress`, with no records). Then, for every assigned
 * partition in order:
 *
 * - The start is the client's position, else the group's committed offset,
 *   else the partition's log start offset (0 until retention deleted
 *   something). A start below the log start is reset by the group's
 *   `autoOffsetReset` (spec/config.ts): `earliest` to the log start,
 *   `latest` to the high watermark, each listed in the answer's `resets`;
 *   `none` makes the whole poll answer `OffsetOutOfRange` (with the log
 *   start, `offset` being that start) for the first such partition in
 *   assignment order, delivering nothing and changing nothing more
 *   (positions and buffer stay; checks 1-4 before it still count, so the
 *   member was heard from: `lastSeenMs = nowMs`). A `read_committed` member without a position in a partition for
 *   which an open transaction holds offsets sent for its group takes nothing
 *   from it and gets no position there (Kafka's `UNSTABLE_OFFSET_COMMIT`: with
 *   `read_committed` the consumer fetches offsets with `require_stable`,
 *   KIP-447), so a new owner waits for the previous owner's transaction.
 * - The bound is the high watermark (`read_uncommitted`) or the last stable
 *   offset (`read_committed`: the first offset of the earliest transaction
 *   still open in the partition, else the high watermark).
 * - From the start, while some of `recordsMax` is left and the walk is below
 *   the bound, it steps over one offset: a marker is skipped, and so is (under
 *   `read_committed`) a record of an aborted transaction; any other record is
 *   delivered (appended to the buffer) and uses up one of `recordsMax`.
 * - The position becomes where the walk stopped: right after the last record
 *   it delivered when `recordsMax` ran out, else the bound (past trailing
 *   skipped offsets); a partition reached with nothing left of `recordsMax`,
 *   or whose start is at or past the bound (a seek or a commit beyond the
 *   last stable offset), keeps its start as position. Every assigned partition gets a position
 *   (except as said above for `read_committed`).
 *
 * Answer: `Polled`, with the records in delivery order (and `resets` when a
 * start was reset). On topics without
 * transactions both isolations deliver exactly what they did before
 * transactions existed.
 */
export const ConsumerPoll = Schema.TaggedStruct("ConsumerPoll", {
  group: Name,
  member: Name,
  recordsMax: CountPositive
})

/**
 * A member applies one delivered record's effect.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running (processing is local:
 * broker membership is not needed, so a member whose session expired can
 * still process what it holds). 3. `NotDelivered` unless the record is in the
 * member's buffer.
 * 3a. In a group with a `failure` config (spec/config.ts `FailureConfig`,
 * spec/failure.ts), the attempt, before step 4:
 *    - `BackoffPending` (nothing changes) when the member's client holds a
 *      retry time for the record's place (topic, partition, offset) that is
 *      still ahead (`nowMs < retryAtMs`);
 *    - a poison record fails, cause `poison` (no downstream call, the breaker
 *      is not touched);
 *    - otherwise, when the group's breaker is open and its cool-down has not
 *      passed (`nowMs < openedAtMs + coolDownMs`): with `whileOpen: "pause"`
 *      the attempt is not made, `BreakerOpen` (nothing changes); with
 *      `dead-letter` the record is dead-lettered now, cause `breaker-open`,
 *      `attempts` = the attempts made so far;
 *    - otherwise the attempt calls the downstream (when the breaker is open
 *      and its cool-down passed, this call is the half-open probe). Down: the
 *      attempt fails, cause `downstream`; the breaker counts it (closed: the
 *      consecutive count goes up and reaching `failuresMax` opens it at
 *      `nowMs`; a failed probe opens it again at `nowMs`). Up: the breaker
 *      closes (count 0) and processing goes on with step 4 as in a group
 *      without failures (`crashMidway` applies only here: a failed or refused
 *      attempt ignores it).
 *    A failed attempt counts: the client's attempt count for the record's
 *    place goes up by 1 (a place's count starts at 0; it lives in the
 *    member's process, so a crash, a leave or processing the place forgets
 *    it; a redelivered copy of a place continues its count). With policy
 *    `retry-then-dead-letter` and the count at `attemptsMax`, the record is
 *    dead-lettered; otherwise it stays buffered, the retry time becomes
 *    `nowMs + retryDelayMsOf(failure, count)` (none for policy `none`) and
 *    the answer is `ProcessFailed`.
 *    Dead-lettering: the producer `dead-letter:<group>` appends to the
 *    group's `deadLetterTopic`, exactly as a plain `ProducerSend` with the
 *    record's key (absent when it has none) and value appends (keyed
 *    partitioning, never with a lost acknowledgement), a record with the
 *    header `{ group, topic, partition, offset, cause, attempts }`; the
 *    first matching buffer entry is removed (not to the sink) and the place's
 *    attempt count and retry time are forgotten. Answer:
 *    `ProcessDeadLettered`.
 * 4. In an `exactly-once` group, checks 2 and 4 of `ProducerSend` apply to the
 * member's producer `<group>/<member>` (`ProducerNotInitialized`,
 * `ProducerFenced`, `TransactionNotOpen`), before anything is written (a
 * simplification: the application learns it is fenced before it processes),
 * and when one fails the record stays in the buffer.
 * 5. Processing performs its writes, in this order:
 *    - the group's external effect, when it has one (see `EffectConfig` in
 *      spec/config.ts), in the group's effect store (per group, outside the
 *      broker): the ledger of applied effects (id = the record's value,
 *      entity = its key, `atMs = nowMs`), the remembered ids of an
 *      `idempotency-key` remedy, the entities (version, value) of a
 *      `conditional-update` remedy:
 *      - `none`: one write, apply (outcome `applied`);
 *      - `idempotency-key`: an id remembered at `nowMs` is skipped (no write,
 *        outcome `skipped`); otherwise `atomic` is one write (apply and
 *        remember), `key-then-effect` two (remember, then apply),
 *        `effect-then-key` two (apply, then remember); outcome `applied`;
 *      - `conditional-update`: one write, compare-and-set: when the message's
 *        version is the entity's version + 1 the entity takes the version and
 *        the record's value and the effect is applied (outcome `applied`),
 *        else nothing changes (outcome `rejected`); `version` and
 *        `entityVersion` (before) are in the outcome, for keyed records;
 *    - in an `exactly-once` group, the transactional send of the record's
 *      result by `<group>/<member>` to the group's `outputTopic`: key = the
 *      record's key (absent when it has none), value =
 *      `<topic>/<partition>@<offset>` of the input record, appended exactly as
 *      `ProducerSend` (never with a lost acknowledgement) appends it.
 * 6. The first matching buffer entry is removed and the record is appended to
 * the group's sink (the sink is observable only through the `Processed`
 * answers, so a target need not store it). Answer: `Processed`, with
 * `output` (where the result went) in an `exactly-once` group and `effect`
 * (the outcome) in a group with an effect.
 *
 * With `crashMidway`, a fault: the member's process dies right after the
 * first write of step 5 (in an `exactly-once` group whose effect skipped a
 * duplicate, that is the result send; before any write when there is none: a
 * skipped duplicate in a group without output, or a group with neither
 * effect nor output). The other writes and
 * step 6 do not happen, and then everything `ConsumerCrash` does happens
 * (the client and its buffer are gone; in an `exactly-once` group so is the
 * producer). Answer: `ProcessCrashed`, with the outcome of what was written:
 * for a `key-then-effect` remedy whose first write remembered the key,
 * outcome `key-recorded`; for an `effect-then-key` remedy, `applied` (without
 * its key); for the others, the outcome of their one write; `output` only
 * when the result send was the first write.
 */
export const ConsumerProcess = Schema.TaggedStruct("ConsumerProcess", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count,
  crashMidway: Schema.optionalKey(Schema.Literal(true))
})

/**
 * A member commits offsets (each the next offset to read) for its group.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless it is a broker member and
 * running. 3. `lastSeenMs = nowMs`. 4. `StaleGeneration` when the client's
 * generation is older than the group's (the commit is fenced). 5. For each
 * entry in order: `UnknownTopic`; `NotAssigned` unless the group's current
 * assignment gives that partition to this member; `OffsetOutOfRange` when the
 * offset is above the partition's high watermark. 6. All entries are stored
 * at once, in order (a commit may move an offset back). Answer: `Committed`.
 */
export const ConsumerCommit = Schema.TaggedStruct("ConsumerCommit", {
  group: Name,
  member: Name,
  offsets: Schema.Array(PartitionOffset)
})

/**
 * A member moves its own position in one partition (replay or skip).
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running (seeking is local).
 * 3. `UnknownTopic`. 4. `NotAssigned` unless the client's assignment holds
 * the partition. 5. `OffsetOutOfRange` above the high watermark (a seek
 * below the log start is allowed: the next poll resets it). 6. The
 * position becomes `offset`; the buffer is kept. Answer: `Seeked`.
 */
export const ConsumerSeek = Schema.TaggedStruct("ConsumerSeek", {
  group: Name,
  member: Name,
  topic: Name,
  partition: Count,
  offset: Count
})

/**
 * A member's process dies: its client (generation, positions, buffer) is
 * gone, but the broker still counts it as a member until its session expires
 * or it rejoins, so its partitions stall until then. In an `exactly-once`
 * group the member's producer `<group>/<member>` dies with it, exactly as by
 * `ProducerCrash`.
 *
 * 1. `UnknownGroup`. 2. `UnknownMember` unless running. 3. Answer: `Crashed`.
 */
export const ConsumerCrash = Schema.TaggedStruct("ConsumerCrash", {
  group: Name,
  member: Name
})
