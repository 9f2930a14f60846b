/**
 * The catalogue of guarantees: the claims qsem checks, as data. The checkers
 * in `properties/` and the generated `docs/semantics.md` both start here.
 *
 * @module
 */
import type { Guarantee, GuaranteeId } from "./guarantee.ts"

const all = ["at-most-once", "at-least-once", "exactly-once"] as const

/** Every guarantee, in the order the docs and the summary table list them. */
export const catalogue: ReadonlyArray<Guarantee> = [
  {
    id: "NoLossUnderAtLeastOnce",
    statement:
      "After a final drain, every acknowledged send to a topic has been processed by every at-least-once group subscribed to it, whatever crashed, expired or rebalanced on the way.",
    holdsUnder: ["at-least-once"],
    violableUnder: ["at-most-once"],
    always:
      "In a history that ends with the final drain, each (topic, partition, offset) answered by `Sent` (or appended by a dead-letter publish, `ProcessDeadLettered`, or a redrive, `DeadLettersRedriven`) appears in a `Processed` answer (or, under a `retry-then-dead-letter` policy, a `ProcessDeadLettered` answer) of every at-least-once group subscribed to the topic; exempt are the documented losses of the failure and retention claims: in a group whose failure policy is `none`, a poison record and the records behind it in its partition (`PoisonBlocksWithoutAPolicy`), and the records retention took from the group (`RetentionLossesAreDocumented`): those a reset of its polls skipped, those below a log start a poll of it was refused at, and those below the log start where a poll of it first read a partition it had never committed (retention deleted them before it read there; such a poll starts at the log start and reports no reset).",
    sometimes:
      "An at-least-once member crashed, left, rejoined or had its session expire while its buffer held unprocessed records at or beyond its group's committed offset, and one of them was processed by the group afterwards all the same.",
    mutants: ["commit-before-process", "skip-record"]
  },
  {
    id: "NoDuplicateUnderAtMostOnce",
    statement: "No record is processed twice by an at-most-once group.",
    holdsUnder: ["at-most-once"],
    violableUnder: ["at-least-once"],
    always: "No (topic, partition, offset) appears in two `Processed` answers of the same at-most-once group.",
    sometimes:
      "A record was delivered again to an at-most-once group after a member of the group crashed, left, joined or expired since its earlier delivery (a redelivery after a crash or a rebalance, not a seek back), and was still processed exactly once.",
    mutants: ["redeliver-last-record"]
  },
  {
    id: "AtMostOnceCanLose",
    statement:
      "At-most-once loses records, but only in its own way: a record goes unprocessed only when a member committed past it and then crashed, left or was expired before processing it, or when a member sought past it.",
    holdsUnder: ["at-most-once"],
    violableUnder: [],
    always:
      "In a history that ends with the final drain, every acknowledged send that an at-most-once group never processed is explained: it was still in a member's buffer when that member crashed, left, rejoined or expired, and that member's own last `Committed` offset for its partition was above it; or a seek of that group moved a member's position from at or below it to above it; or the group dead-lettered it (`ProcessDeadLettered`: set aside, not lost); or it is one of the documented losses of the failure and retention claims, as `NoLossUnderAtLeastOnce` lists them.",
    sometimes:
      "An acknowledged send was never processed by an at-most-once group after the drain because a member committed past it and then crashed, left, rejoined or expired with it in its buffer: the loss of the semantics table really happens (a seek, a retention or a poison record does not count).",
    mutants: ["skip-record"]
  },
  {
    id: "AtLeastOnceCanDuplicate",
    statement:
      "At-least-once duplicates records, but only in its own way: a record is processed again only after it was redelivered because its first delivery was not committed before a crash, a leave, a session expiry or a rebalance, or because a member sought back.",
    holdsUnder: ["at-least-once"],
    violableUnder: [],
    always:
      "The k-th `Processed` of a record by an at-least-once group is preceded by k deliveries of it to the group, each one after the first following, since the previous delivery, a crash, leave, join, session expiry or new generation in the group, or a seek of that partition to the record's offset or below.",
    sometimes: "A record was processed twice by an at-least-once group: the duplicate of the semantics table really happens.",
    mutants: ["redeliver-last-record"]
  },
  {
    id: "PartitionOrderPreserved",
    statement:
      "A member sees each partition's offsets in increasing order, with no gap, between seeks and rebalances; records with one key are stored, and so delivered, in their send order.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "Within one client generation and between seeks and resets, the offsets a member is delivered from one partition are consecutive and increasing; each delivery of a partition starts where the member's own group's history puts it (its own earlier deliveries, seeks and polls, the reset its poll reports, or, after a join or a sync, its group's last committed offset, else the partition's log start), unless another group's newer commit is where it started (GroupsAreIndependent's case); two sends with the same key to a topic land on one partition at increasing offsets; and every delivered record is the one a `Sent` answer (or a dead-letter publish or a redrive) put at its position.",
    sometimes: "A member received several records of one partition in a single poll, and some member received two different records with the same key.",
    mutants: ["reorder-partition"]
  },
  {
    id: "AssignmentIsExclusive",
    statement:
      "In every generation of a group each partition has at most one owner, and members beyond the partition count sit idle.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No two members are told (by `Joined`, `HeartbeatOk` or `RebalanceInProgress`) that they own the same partition in the same generation of a group, and no member is told it owns a partition outside its group's subscribed topics.",
    sometimes: "A member was told it owns no partition of a subscribed topic (more members than partitions: an idle member), and a partition moved from one member to another across generations.",
    mutants: ["double-assign"]
  },
  {
    id: "DeliveriesFollowAssignment",
    statement:
      "A member reads only the partitions it owns: after a rebalance it stops fetching the partitions taken from it, so a moved partition has one reader.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "Every record in a `Polled` answer belongs to a partition of the assignment the member last learned (from `Joined`, `HeartbeatOk` or `RebalanceInProgress`).",
    sometimes: "A partition moved from one member to another in a rebalance, and its new owner was then delivered records from it.",
    mutants: ["fetch-revoked"]
  },
  {
    id: "GroupsAreIndependent",
    statement:
      "Consumer groups read one topic independently (fanout): one group's commits never change another group's deliveries.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No delivery to a member starts from another group's commit: a delivery of a partition that does not start where the member's own group's history puts it (its own earlier deliveries, seeks and polls, the reset its poll reports, or, after a join or a sync, its group's last committed offset, else the partition's log start) never starts exactly at another group's commit of that partition newer than any of its own group's; and a poll that was not full never delivers nothing from a partition the member owns while records wait at that position, when another group's newer commit is at or past the partition's end.",
    sometimes: "Two groups read the same partition and, at some step, their committed offsets for it differed.",
    mutants: ["shared-offsets"]
  },
  {
    id: "StaleCommitsAreFenced",
    statement: "A commit from a member whose generation is older than its group's current generation is rejected.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No `Committed` answer is given to a member whose last learned generation is older than the latest generation of its group in the history.",
    sometimes: "A commit from a stale generation was attempted and answered `StaleGeneration`.",
    mutants: ["accept-stale-commits"]
  },
  {
    id: "IdempotentSendsWriteOnce",
    statement:
      "An idempotent producer's retry after a lost acknowledgement never puts a second copy of its send in a log: the broker recognises the sequence and answers with the original offset.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No two data entries of one partition (in the drain's `Dumped` answers) carry the same producer id, epoch and sequence; and every `Sent` answer to an idempotent producer's `ProducerRetry` names an offset whose entry holds the retried send's producer, key and value.",
    sometimes:
      "An idempotent producer's send lost its acknowledgement (`SendTimedOut`) and its `ProducerRetry` was answered `Sent` with no second copy in the log.",
    mutants: ["dedup-ignores-sequence"]
  },
  {
    id: "RetriesWithoutIdempotenceCanDuplicate",
    statement:
      "A producer without idempotence duplicates records, but only in its own way: a second copy of a send is in a log only because the send was retried after its acknowledgement was lost (the two generals problem).",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "In the drain's `Dumped` entries, the data records of one topic with one producer, key and value number at most the appends the history explains: `ProducerSend` commands with that producer, topic, key and value answered `Sent` or `SendTimedOut`, retries of those sends by a producer that is not idempotent answered `Sent` or `SendTimedOut`, (for an exactly-once member's producer) `Processed` answers whose `output` is in that topic with that key and value, and (for `dead-letter:<group>`) the group's dead-letter publishes and redrives of a record with that key and value to that topic.",
    sometimes: "A plain producer's retry after a lost acknowledgement left two copies of one send in a log.",
    mutants: ["duplicate-on-timeout"]
  },
  {
    id: "AbortedRecordsAreNeverReadCommitted",
    statement: "A read_committed reader never receives a record of an aborted transaction (Jepsen's G1a, aborted read).",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No record delivered to a `read_committed` group (in `Polled`) is, in the drain's `Dumped` entries, a transactional data entry whose transaction aborted: one whose next marker of its producer id in that partition is an abort marker.",
    sometimes: "A `read_uncommitted` group was delivered a record whose transaction aborted: the aborted read really happens where isolation allows it.",
    mutants: ["read-committed-leaks-aborted"]
  },
  {
    id: "ReadCommittedStopsAtTheLastStableOffset",
    statement: "A read_committed reader never receives a record of a transaction that is still open: its fetches stop at the last stable offset.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "No `Polled` answer to a `read_committed` group delivers a record at or past the first offset, in that partition, of a transaction still open at that step: a transactional data entry of the drain's `Dumped` entries whose marker was appended by a later step (the markers each step appended are in its `TxnCommitted`, `TxnAborted`, `ProducerInitialized` or `ClockAdvanced` answer).",
    sometimes:
      "A `read_committed` poll took nothing more from a partition, with room left, because an open transaction's records sat at its last stable offset.",
    mutants: ["ignore-last-stable-offset"]
  },
  {
    id: "ZombiesAreFenced",
    statement:
      "After a transactional id moves to a newer epoch (another instance initialized, or the coordinator timed its transaction out), nothing the older instance sends, commits or sends as offsets takes effect; and a consumer that left its group's current generation cannot add offsets to a transaction (KIP-447).",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "Once a transactional id has a newer epoch (from `ProducerInitialized` or a timeout abort in `ClockAdvanced`) than the epoch a producer client last initialized with, none of that client's `ProducerSend`, `ProducerRetry`, `ConsumerProcess`, `TxnSendOffsets`, `TxnCommit` or `TxnAbort` is answered with success; and no `TxnOffsetsSent` is answered for a member whose session expired or whose client generation is older than its group's latest.",
    sometimes: "A zombie (a producer instance with an older epoch, or an expired or stale consumer) tried to send, commit or send offsets and was fenced.",
    mutants: ["no-epoch-check", "offsets-ignore-generation"]
  },
  {
    id: "TransactionsAreAtomic",
    statement:
      "A transaction's records and consumed offsets become visible together or not at all, in every partition and group it touched.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "Every ended transaction (committed or aborted by its producer, or aborted by the coordinator) wrote one marker in each partition its records went to and in no other, each at the offset its answer names, after those records and of its own kind (commit or abort) in the drain's `Dumped` entries; and every `OffsetsFetched` answer equals the committed offsets the history implies: plain `Committed` offsets and the offsets sent in committed transactions, never those of aborted ones.",
    sometimes: "A transaction that touched two or more partitions, or records and offsets, committed, and another one aborted.",
    mutants: ["offsets-commit-on-abort", "markers-take-no-offset"]
  },
  {
    id: "ExactlyOnceWithinTheBroker",
    statement:
      "After the drain, every input record of an exactly-once group has exactly one committed result in the group's output topic, whatever crashed, expired, rebalanced or timed out on the way. Only within the broker: nothing here covers effects outside it.",
    holdsUnder: ["exactly-once"],
    violableUnder: ["at-most-once", "at-least-once"],
    always:
      "In a history that ends with the final drain, for each exactly-once group, every data entry of its input topics that a `read_committed` reader sees (not transactional, or committed) has exactly one committed entry in the output topic (in the drain's `Dumped` entries) whose value is `<topic>/<partition>@<offset>` of that input, and every committed entry of the output topic written by the group's members is the result of such an input.",
    sometimes:
      "An exactly-once group's transaction that had processed an input was aborted (by its member, by a new epoch or by a timeout), the input was processed again, and it still has one committed result.",
    mutants: ["timeout-never-fires", "offsets-ignore-generation", "ignore-unstable-offsets"]
  },
  {
    id: "KeyOrderProcessed",
    statement:
      "A member whose application processes in delivery order processes the records of one key in the order they were sent, as long as nothing is redelivered to it: Kafka's ordering promise, per key, as the application sees it.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "In a group with `processingOrder: \"delivery\"`, within one client epoch of a member (from a join or a sync to the next, with no seek in between; a processed record belongs to the epoch of the delivery it used up), the records of one key of one topic in its `Processed` answers were sent in that order: each was appended after the one processed before it (a send whose acknowledgement was lost is appended when it is sent, and a plain producer's retry appends a later copy). Records without a key are not judged.",
    sometimes: "A member of such a group processed two or more records of one key, in send order, in one client epoch.",
    mutants: ["key-partition-drift"]
  },
  {
    id: "KeyOrderRegressesOnlyOnRedelivery",
    statement:
      "A group that processes in delivery order can still process an older record of a key after a newer one, but only in its own way: the older record was redelivered (after a crash, a leave, a session expiry, a rebalance or a seek), so per-key order holds per delivery, not per group.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "In a group with `processingOrder: \"delivery\"`, whenever a record of a key of a topic is processed after a record of the same key that was sent later, either the two were delivered on either side of a crash, leave, join, session expiry or new generation in the group (a rebalance is immediate, so the old owner may still process what it holds while the new owner reads on), or some member of the group was delivered the older record again (it had been delivered to the group before) after such an event, or after a seek of that partition to its offset or below.",
    sometimes: "A group processed an older record of a key after a newer one, because it was redelivered: the honest limit of per-key order under at-least-once.",
    mutants: ["refetch-from-committed"]
  },
  {
    id: "ExactlyOnceStopsAtExternalEffects",
    statement:
      "Exactly-once ends at the broker: an exactly-once group whose processing performs an external effect (a charge, a row, an email) performs it again when a crash, an abort or a rebalance between the effect and the transaction's commit makes it process the input again, while its output topic still holds one committed result. The domain text's \"lie\", reproduced; and the effect is repeated only then.",
    holdsUnder: ["exactly-once"],
    violableUnder: [],
    always:
      "In an exactly-once group with an effect of remedy `none`, an input record's effect (an `applied` outcome in `Processed` or `ProcessCrashed`) is applied a k-th time only when each of the k-1 earlier applications was followed by the end of the member's transaction that processed it without a commit (a `ProcessCrashed`, a crash, an abort by the member, by a new epoch of its producer or by a timeout, or a fenced step), or, while that transaction is still open, applied again by a client of another generation than the one that applied it (a rebalance handed the input over: the old owner, now a zombie, and the new owner, reading from the committed offsets, may each apply it, in either order); after a committed one, only by a client of an older generation than the committing one's (a zombie that fetched the input before the rebalance, whose own transaction will be fenced). In a drained history the group's ledger (its `EffectsListed` answer) holds exactly one entry per `applied` outcome the answers report.",
    sometimes:
      "An exactly-once group with an effect of remedy `none` applied one input's effect twice, and after the drain the output topic holds exactly one committed result for that input.",
    mutants: ["effect-applied-twice"]
  },
  {
    id: "IdempotencyKeySkipsDuplicatesWithinTheWindow",
    statement:
      "A consumer with an idempotency key, writing the key with its effect (`atomic`) or before it (`key-then-effect`), applies each message id at most once within its dedup window: a redelivery or a retried send inside the window is skipped.",
    holdsUnder: ["at-most-once", "at-least-once", "exactly-once"],
    violableUnder: [],
    always:
      "In a group with an `idempotency-key` effect whose `dedupOrder` is `atomic` or `key-then-effect`, no id is applied (an `applied` outcome in `Processed` or `ProcessCrashed`) when an earlier application or recording (`applied` or `key-recorded`) of that id happened less than `dedupWindowMs` before (any time before, without a window); and every `skipped` outcome has such an earlier application or recording within the window.",
    sometimes: "A redelivered record or a retried send's duplicate was skipped because its id was remembered.",
    mutants: ["dedup-window-expires-early"]
  },
  {
    id: "DedupWindowExpiryReapplies",
    statement:
      "The dedup window is a real trade-off: a redelivery that arrives after its id's window has expired applies the effect again. An idempotency key is only as good as how long it is remembered.",
    holdsUnder: ["at-most-once", "at-least-once", "exactly-once"],
    violableUnder: [],
    always:
      "In a group with an `idempotency-key` effect and a `dedupWindowMs`, a processing of an id whose last recording (`applied` with its key, or `key-recorded`) is `dedupWindowMs` or more before it is never `skipped`, and `EffectsListed` remembers no id recorded `dedupWindowMs` or more before the listing.",
    sometimes: "An id applied once was applied again, after its window expired, by a redelivery or a retried send's duplicate.",
    mutants: ["dedup-window-never-expires"]
  },
  {
    id: "DedupKeyFirstCanLoseEffects",
    statement:
      "Where the dedup key and the effect are two writes, recording the key first (`key-then-effect`) turns a crash between them into a lost effect: the redelivery finds the key and is skipped. Only that crash does it.",
    holdsUnder: ["at-most-once", "at-least-once", "exactly-once"],
    violableUnder: [],
    always:
      "In a group with `dedupOrder: \"key-then-effect\"`, every `skipped` id had an `applied` or `key-recorded` outcome before it, and after the drain an id whose key was recorded has an applied effect in the ledger unless a `ProcessCrashed` recorded it as `key-recorded`.",
    sometimes: "A `key-then-effect` group lost an effect: its key recorded, the process crashed before the effect, the redelivery skipped it, and it was never applied.",
    mutants: ["dedup-by-entity"]
  },
  {
    id: "DedupEffectFirstCanDuplicate",
    statement:
      "Where the dedup key and the effect are two writes, applying the effect first (`effect-then-key`) turns a crash between them into a duplicate: the redelivery finds no key and applies the effect again. Only that crash does it.",
    holdsUnder: ["at-most-once", "at-least-once", "exactly-once"],
    violableUnder: [],
    always:
      "In a group with `dedupOrder: \"effect-then-key\"`, an id is applied a second time within its window only after a `ProcessCrashed` applied it without its key: never while the key of an earlier completed application is still remembered.",
    sometimes: "An `effect-then-key` group applied an id, crashed before recording its key, and applied it again on the redelivery.",
    mutants: ["dedup-window-expires-early"]
  },
  {
    id: "ConditionalUpdatesApplyOnceInOrder",
    statement:
      "A consumer that turns its effect into a conditional update (\"set to version N if it is at N-1\") ends with each entity as if each distinct message of its key had been applied once, in send order: a repeated or stale update fails its precondition and changes nothing.",
    holdsUnder: ["at-least-once"],
    violableUnder: ["at-most-once"],
    always:
      "In an at-least-once group with a `conditional-update` effect and `processingOrder: \"delivery\"`, no (entity, version) is applied twice, an entity's applications have versions 1, 2, 3, ... in order, and in a history that ends with the final drain every key of the drain's `Dumped` entries is an entity of the group's last `EffectsListed` whose version is the number of distinct values of its key in its partition and whose value is the last of them (a key found in two partitions of the group's topics, whose versions are numbered apart, and a key some of whose records a `read_committed` group skips as aborted or open, are not judged after the drain).",
    sometimes: "A conditional update's precondition rejected a duplicate (a redelivery or a retried send's copy).",
    mutants: ["cas-ignores-version"]
  },
  {
    id: "OutboxNeverLosesACommittedEvent",
    statement:
      "A service that publishes through a transactional outbox never loses an event: every business write it committed is published by the relay, at least once, whatever crashed in between.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "In a history that ends with the final drain (which relays every outbox until `OutboxEmpty`), every event of an `outbox` service's `ServiceWritten` answers is in its topic: a data entry of the drain's `Dumped` entries with the event id as value, sent by the service's producer.",
    sometimes: "The relay crashed between its send and its mark, and the event was published again (a duplicate its consumers must dedup by event id).",
    mutants: ["relay-marks-before-send"]
  },
  {
    id: "OutboxNeverPublishesAnUncommittedEvent",
    statement:
      "A service that publishes through a transactional outbox never publishes an event of a business write that did not commit: the outbox row commits with the write or not at all.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "Every record an `outbox` service's producer appended (its `Relayed` and `RelayCrashed` answers, and in a drained history every such data entry of the drain's `Dumped` entries) holds an event the service committed: one of its `ServiceWritten` answers before it, and a row of its `ServiceListed` business rows.",
    sometimes: "A service crashed inside its outbox transaction, and neither its business row nor its event ever appeared.",
    mutants: ["outbox-row-outside-transaction"]
  },
  {
    id: "DualWriteCanLoseOrInventEvents",
    statement:
      "A dual write (commit, then send; or send, then commit) is exactly what the outbox avoids: a crash between the two writes loses a committed event or publishes one that never happened, and nothing else does.",
    holdsUnder: [...all],
    violableUnder: [],
    always:
      "In a history that ends with the final drain, for every dual-write service: every business row in its `ServiceListed` answer is in its topic unless its `ServiceWrite` answered `ServiceCrashed` committed and unsent (`commit-then-send`); and every event its producer appended is a business row unless its `ServiceWrite` answered `ServiceCrashed` sent and uncommitted (`send-then-commit`).",
    sometimes:
      "A `commit-then-send` service lost a committed event and a `send-then-commit` service published a phantom, each after a crash between its two writes.",
    mutants: ["service-forgets-commit"]
  },
  {
    id: "QueueNoLossUnderAtLeastOnce",
    statement:
      "After a final drain, every message sent to a queue whose consumers are at-least-once (and that is no queue's dead-letter queue) was processed, or sits in the queue's dead-letter queue, whatever crashed or timed out on the way.",
    holdsUnder: ["at-least-once"],
    violableUnder: ["at-most-once"],
    always:
      "In a history that ends with the final drain, every message id an `Enqueued` answer of an at-least-once queue that is no queue's dead-letter queue gave is in a `QueueProcessed` answer, or in the final `QueueListed` answer of the queue's dead-letter queue, or was deleted from that dead-letter queue by an `Acknowledged` while the dead-letter queue's consumers are at-most-once (they acknowledge before they process: a loss there is theirs, not the source queue's), or an `Enqueued` names it as `dropped` (a `drop-oldest` or `drop-newest` bound discarded it: see DropOverflowLosesSilently).",
    sometimes:
      "A message an at-least-once consumer received and did not acknowledge (it crashed, or the visibility timeout ran out first) was received again and processed.",
    mutants: ["receive-deletes", "dead-letter-drops"]
  },
  {
    id: "VisibilityTimeoutRedelivers",
    statement:
      "A message received and not acknowledged is received again only once its visibility is over (its timeout ran out, or its consumer released it), never earlier, so no two consumers hold it in flight at once; and a deleted message is never received again.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Every `Received` of a message after its first since its enqueue or redrive is at or after the end of the previous receive's visibility: that receive's time plus the queue's `visibilityTimeoutMs`, or the end a later `Extended` of its receipt set, or the time of a `Released` of it; and no message is received after an `Acknowledged` deleted it.",
    sometimes: "A message whose consumer crashed before acknowledging it was received again, by some consumer, once its visibility timeout ran out.",
    mutants: ["visibility-expires-early"]
  },
  {
    id: "PoisonMessagesEndInTheDeadLetterQueue",
    statement:
      "A message received `receiveCountMax` times and never acknowledged is moved to the dead-letter queue at the moment its last visibility ends, exactly then, and is not delivered from its source again until a redrive; every receive counts, a crashed consumer's included. (The moment is qsem's: SQS moves it lazily, at the next receive of its source, with the same deliveries.)",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Each `Received` reports a message's receive count as the number of its receives since its enqueue or last redrive, never above the queue's `receiveCountMax`; a message is reported moved (by `ClockAdvanced.deadLettered` or `Released` with `deadLettered`) exactly when its `receiveCountMax`-th receive's visibility ended, in that command, and it was not deleted; a moved message is not received from its source until a `Redriven` lists it, and in a drained history it is in the dead-letter queue's final `QueueListed` unless redriven (or, in a bounded dead-letter queue, dropped).",
    sometimes: "A message was moved to its queue's dead-letter queue after `receiveCountMax` receives.",
    mutants: ["crash-uncounted", "receive-limit-off-by-one"]
  },
  {
    id: "FifoGroupOrderPreserved",
    statement:
      "Within a message group of a FIFO queue, messages are received in queue order, none while an earlier receive of the group is still in flight (one receive may return several consecutive messages of a group, as SQS FIFO does), and at-least-once consumers process them in that order.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "A FIFO queue's `Received` returns a message only when every message of its group enqueued before it (sent, or redriven, earlier) was deleted, moved to the dead-letter queue or dropped by a bounded queue, or is returned before it in the same answer, and no message of its group is in flight from an earlier receive (received, not deleted, moved or released, its visibility not over); in an at-least-once FIFO queue, a message is first processed only after some `QueueProcessed` of every message of its group enqueued before it that was neither moved to the dead-letter queue nor dropped by a bounded queue.",
    sometimes: "A receive from a FIFO queue, with room for more messages, passed over a visible message because another message of its group was in flight: a group blocked behind an in-flight message.",
    mutants: ["fifo-group-parallel"]
  },
  {
    id: "DeduplicationWindowSuppresses",
    statement:
      "A FIFO send whose deduplication id the queue enqueued within its deduplication window is accepted and not enqueued again; after the window the same id is enqueued again: the window is where this remedy stops.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "A `QueueSend` to a FIFO queue with a dedup id whose last enqueue is less than the queue's `dedupWindowMs` before it is answered `Enqueued` with that message's id and `deduplicated`; every other send is answered with a fresh message id, never `deduplicated`; and a listing remembers exactly the ids enqueued within the window.",
    sometimes: "A send was suppressed as a duplicate within the window, and a send with an id enqueued before was enqueued again after the window.",
    mutants: ["queue-dedup-never-expires", "queue-dedup-ignored"]
  },
  {
    id: "RedriveReturnsDeadLetters",
    statement:
      "Redriving a dead-letter queue returns each message moved there (and not held by a consumer of the dead-letter queue) to the end of its source queue, where it is delivered again with a fresh receive count.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Every message a `Redriven` lists had been moved from the source it names and was in the dead-letter queue, and it lists, in queue order and once each, every message moved there from a source that the dead-letter queue still held and no consumer had received since the move, or whose receiver released it (one a consumer holds may stay, even past its visibility timeout: RabbitMQ has none); a redriven message's next `Received` is from that source with receive count 1; and it is in no later listing of the dead-letter queue unless moved there again.",
    sometimes:
      "A redriven message was received again from its source queue; on a config with an `inspected` dead-letter queue, one that a consumer of the dead-letter queue had received and released before the redrive.",
    mutants: ["redrive-keeps-count", "redrive-partial", "redrive-skips-received"]
  },
  {
    id: "StaleReceiptsDoNotDelete",
    statement:
      "An acknowledgement deletes a message only with the receipt of its latest receive: a receipt made stale by a redelivery deletes nothing, so a slow consumer cannot delete the message another consumer is working on (SQS answers such a delete with success and keeps the message; qsem's answer says `deleted: false`).",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "An `Acknowledged` says `deleted: true` exactly when its receipt is the latest receipt of its message and the message was not deleted, moved to the dead-letter queue, redriven or dropped by a bounded queue since that receipt was issued.",
    sometimes: "A consumer acknowledged with a stale receipt after its message was received again, and the message stayed.",
    mutants: ["stale-receipt-deletes"]
  },
  {
    id: "OverflowIsKnownToTheProducer",
    statement:
      "On a bounded queue whose overflow is `block` or `reject`, a send is refused exactly when the queue is full, with an answer its producer sees, and nothing stored is ever discarded to make room: no loss is silent. Under `block` the producer's application sends the message again later (the domain text's producer-side backpressure: the backlog moves to the producer), so after a final drain every blocked message was enqueued.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "On a `block` or `reject` queue: no `Enqueued` carries `dropped` or says `deduplicated` for a send whose dedup id the queue does not remember; no message is received from it that no `Enqueued` answer gave (a refused send stored all the same); a `QueueSend` is answered `SendBlocked` (`block`) or `SendRejected` (`reject`) exactly when the queue's visible messages, replayed from the answers, number `messagesMax` or more, and otherwise as on an unbounded queue; and in a history that ends with the final drain, every value a `SendBlocked` answered was later `Enqueued` in the same queue.",
    sometimes: "A send to a full `block` queue was blocked, and the same message was enqueued later, once consumers had made room.",
    mutants: ["bound-ignored", "reject-drops-oldest", "refuse-but-store", "bound-counts-in-flight"]
  },
  {
    id: "DropOverflowLosesSilently",
    statement:
      "On a bounded queue whose overflow is `drop-oldest` or `drop-newest`, a send to a full queue is accepted and a message is discarded without its producer knowing: the oldest visible message, or the new one. The honest limit of absorbing a backlog in the queue: what the bound drops is lost, and only the check's count says so.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "On a `drop-oldest` or `drop-newest` queue: an `Enqueued` carries `dropped` exactly when the queue's visible messages, replayed from the answers, numbered `messagesMax` or more before the send; the dropped message is the first visible message in queue order (`drop-oldest`) or the send's own new message (`drop-newest`); a dropped message is never received, deleted, moved or listed afterwards.",
    sometimes: "A message the bound dropped was never processed: a silent loss, counted.",
    mutants: ["drop-wrong-end"]  },
  {
    id: "PoisonMessagesDoNotBlockThePartition",
    statement:
      "With a retry-then-dead-letter policy, a poison record does not block its partition: after its last attempt the application publishes it to the group's dead-letter topic and commits past it, and the records behind it are processed.",
    holdsUnder: ["at-least-once"],
    violableUnder: [],
    always:
      "In a history that ends with the final drain, for every at-least-once group whose failure policy is `retry-then-dead-letter`: every poison record of a topic it subscribes, acknowledged by `Sent` or appended by a `DeadLettersRedriven`, appears in a `ProcessDeadLettered` of the group (never in a `Processed`), every other record behind it in its partition appears in a `Processed` or `ProcessDeadLettered` of the group, and the group's last `Committed` offset of the partition is above the poison record; records retention took from the group (as `NoLossUnderAtLeastOnce` lists them) are not judged.",
    sometimes: "A poison record was dead-lettered by an at-least-once group and a record behind it in its partition was processed by the group afterwards.",
    mutants: ["dead-letter-never"]
  },
  {
    id: "PoisonBlocksWithoutAPolicy",
    statement:
      "The honest limit of the naive consumer: without a failure policy, a poison record blocks its partition forever. Every attempt at it fails, the consumer retries it in place, and the group never commits past it, so its lag on that partition never drains.",
    holdsUnder: ["at-least-once"],
    violableUnder: [],
    always:
      "No group with a `failure` config answers `Processed` for a poison record, and no group whose policy is `none` answers `ProcessDeadLettered`; in a history that ends with the final drain, every at-least-once group whose policy is `none` has, for every poison record of a topic it subscribes that the drain delivered to it (one a running client of the group still holds at the end, or one retention did not take from the group, as `NoLossUnderAtLeastOnce` lists such records), a last `Committed` offset of its partition at or below the poison record.",
    sometimes:
      "After the final drain, an at-least-once group whose policy is `none` still has a poison record below the high watermark of a partition, its committed offset stuck at or below it and a record behind it unprocessed: the block really happens.",
    mutants: ["poison-processed"]
  },
  {
    id: "DeadLettersAreNeverLost",
    statement:
      "A dead-lettered record is set aside, not lost: it is in its group's dead-letter topic with the original's key and value, where it came from, why it failed and how many attempts were made.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Every `ProcessDeadLettered` names a place of its group's dead-letter topic that no other dead-lettering names and that holds (in the final drain's `ObserverDump` of the dead-letter topics) a record produced by `dead-letter:<group>` with the original's key and value and the header `{ group, topic, partition, offset, cause, attempts }` of the answer; the cause is `poison` for a poison record, and `attempts` is the policy's `attemptsMax` unless the cause is `breaker-open` (then the attempts made before, fewer than `attemptsMax`). Every data record of a dead-letter topic has such an answer.",
    sometimes: "A record was dead-lettered after `attemptsMax` failed attempts, and the final dump shows it in the dead-letter topic with its header.",
    mutants: ["dead-letter-unpublished", "dead-letter-attempts-wrong"]
  },
  {
    id: "BackoffSpacesRetries",
    statement:
      "Retries back off: under a retry-then-dead-letter policy, a member retries a failed record no sooner than the schedule says, backoffMs · 2^(k−1) after its k-th failed attempt (exponential backoff, as Effect's `Schedule.exponential`), so a failing dependency is not hammered.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "For each member client and record place, the attempts (`ProcessFailed`, `ProcessDeadLettered` with a cause other than `breaker-open`, `Processed`) are numbered 1, 2, … from the client's first attempt at the place until it crashes, leaves or is done with the place; the k-th `ProcessFailed` at clock t carries `retryAtMs = t + backoffMs · 2^(k−1)` under `retry-then-dead-letter` (none under `none`); the client's next attempt at the place comes at a clock at or after that `retryAtMs`, and a `BackoffPending` for the place comes before it and carries it.",
    sometimes: "An attempt was refused with `BackoffPending`, and the same member retried the record at or after its retry time.",
    mutants: ["backoff-ignored", "backoff-linear"]
  },
  {
    id: "CircuitBreakerStopsRetryStorms",
    statement:
      "A circuit breaker stops a retry storm: after failuresMax consecutive failed downstream calls, the group stops calling its downstream until the cool-down has passed; then one probe decides whether it closes. `qsem check` measures the storm as downstream calls per failed record, with and without a breaker.",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Replaying each group's breaker from its answers (a downstream call is a `ProcessFailed` or `ProcessDeadLettered` with cause `downstream`, or a `Processed` of a group with a `failure` config; closed, the failuresMax-th consecutive failed call opens it at that call's clock; open, a call after the cool-down is the probe: its failure opens it again at its clock, its success closes it; any successful call resets the count): no downstream call is made while the breaker is open and its cool-down has not passed; every `BreakerOpen` and every `ProcessDeadLettered` with cause `breaker-open` comes exactly then, a `BreakerOpen` with `untilMs` = the opening clock + `coolDownMs`; a group without a breaker answers neither.",
    sometimes: "A breaker opened, held back at least one attempt, and closed again after a successful probe.",
    mutants: ["breaker-never-opens", "breaker-never-closes"]
  },
  {
    id: "RedrivenDeadLettersAreProcessed",
    statement:
      "A redrive returns a group's dead-lettered records to their source partitions, each once, and once the cause is gone an at-least-once group processes them (an at-most-once group may lose them, as any record): the dead-letter topic does not have to become a graveyard. (The final drain redrives every group's dead letters once its downstream is back, before any group drains.)",
    holdsUnder: ["at-most-once", "at-least-once"],
    violableUnder: [],
    always:
      "Every `DeadLettersRedriven` lists, in order, exactly the group's `ProcessDeadLettered` answers that no earlier redrive of the group listed, each with a new place in the original's source partition (the original's topic and partition, above the high watermark before the redrive) that holds the original's key and value; in a history that ends with the final drain, every redriven record that is not poison is processed (or dead-lettered again) by an at-least-once group, unless retention took it from the group (as `NoLossUnderAtLeastOnce` lists such records); an at-most-once group may lose a redriven record as it may lose any record (a seek forward past it, or a commit past it before a crash: `AtMostOnceCanLose`).",
    sometimes: "A record dead-lettered while its group's downstream was down (or for its open breaker) was redriven after the downstream came back and then processed by the group.",
    mutants: ["redrive-drops"]
  },
  {
    id: "RetentionLossesAreDocumented",
    statement:
      "Retention loses records only through the documented paths: a consumer that fell below the log start resumes by its auto.offset.reset (earliest reads what is left, latest skips to the end, none refuses the poll and the application seeks to the log start), each reported, and nothing an at-least-once group has not read disappears any other way.",
    holdsUnder: ["at-least-once"],
    violableUnder: [],
    always:
      "The log start of every partition, replayed from the answers, follows the topic's retention (after each `ClockAdvanced`, past every entry with `timestampMs + retentionMs <= nowMs`, as its `logStarts` says; never below `highWatermark − retentionRecordsMax`) and nothing below it is delivered or dumped; every `Polled` reset has a `from` below the log start and a `to` at the log start (`earliest`) or the high watermark (`latest`), a `none` group's poll answers `OffsetOutOfRange` with the log start instead, and no poll starts below the log start without either; in a history that ends with the final drain, every acknowledged send an at-least-once group never processed nor dead-lettered lies between the `from` and `to` of one of its resets, or below a log start it was refused at, or below the log start where a poll of the group first read a partition it had never committed (such a poll starts at the log start and reports no reset: retention deleted those records before the group read there), or is a poison record, or behind one in its partition, of a group whose failure policy is `none`.",
    sometimes: "A reset skipped a record that an at-least-once group then never processed: a loss by retention really happened, and was reported.",
    mutants: ["retention-early", "reset-unreported"]
  }
]

/** The catalogue by id (judging a run asks for each guarantee by id). */
const guaranteesById: ReadonlyMap<string, Guarantee> = new Map(catalogue.map((guarantee) => [guarantee.id, guarantee]))

/** The guarantee with the given id. */
export const guaranteeById = (id: GuaranteeId): Guarantee => {
  const found = guaranteesById.get(id)
  if (found === undefined) throw new Error(`no guarantee ${id} in the catalogue`)
  return found
}
