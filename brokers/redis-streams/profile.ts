/**
 * What the Redis Streams target states about itself, per setting: the part
 * of the model it is checked against, where Redis's documented semantics
 * differ, how its runs are judged, and the guarantees that do not apply.
 *
 * @module
 */
import { redisViolationNotes } from "./violationNotes.ts"
import type { BrokerProfile } from "../brokerTarget.ts"
import type { RedisSetting } from "./server.ts"

const settingText: Readonly<Record<RedisSetting, string>> = {
  "aof-everysec": "appendonly yes, appendfsync everysec (no RDB snapshots)",
  "aof-always": "appendonly yes, appendfsync always (no RDB snapshots)",
  rdb: "appendonly no, save 3600 1 300 100 60 10000 (Debian's snapshot rules)"
}

/** What a SIGKILL restart keeps under each setting, as the Redis persistence docs say and the crash tests measure. */
const persistenceText: Readonly<Record<RedisSetting, string>> = {
  "aof-everysec":
    "Persistence (appendfsync everysec): Redis write(2)s the AOF buffer before it sends the replies of an event-loop turn and fsyncs in the background once a second (the persistence docs: with everysec \"you can only lose one second worth of writes\"). A BrokerRestart kills the process, not the machine: what was written stays in the page cache, so every acknowledged command survives it (measured: every acknowledged send, acknowledgement and pending entry kept across the restarts of the tests and checks; in a separate experiment, 6 SIGKILLs during 8 writers' continuous XADDs, 114,000 to 252,000 acknowledged each time, 3 of them under a concurrent 3 GB dd, lost none). What this scenario cannot show: the second the docs warn about is lost on an OS crash or power loss, which drops the page cache. By Redis 7.0's source there is one way a process kill can lose acknowledged writes under everysec: while a background fsync is still running, flushAppendOnlyFile postpones the write(2) (for up to 2 s, then logs \"Asynchronous AOF fsync is taking too long\") and the replies go out meanwhile; our runs never saw that line.",
  "aof-always":
    "Persistence (appendfsync always): Redis write(2)s and fsyncs the AOF before it sends the replies, so every acknowledged command survives a process kill and, by the docs, an OS crash too (only the process kill is measured here: every acknowledged send, acknowledgement and pending entry kept, including each pending entry's delivery time, so a message in flight stays in flight across the restart as the model says).",
  rdb:
    "Persistence (RDB snapshots only, save 3600 1 300 100 60 10000): a restart loads the last snapshot, and none falls due within a run of seconds (the first rule that can fire, 100 changes in 300 s, needs a check of five minutes), so a BrokerRestart loses every stream, consumer group, pending entry and acknowledgement since the session began (the docs: with snapshots \"you should be prepared to lose the latest minutes of data\"). Measured: every acknowledged send not processed before the kill is lost (QueueNoLossUnderAtLeastOnce fails); the adapter's reconnect re-creates the group on the empty stream. In a check longer than five minutes a snapshot may fall due, and a restart then returns to it: acknowledged (deleted) messages can come back and be received again."
}

/** The differences every setting shares: the translation's and Redis's own. */
const differencesShared: ReadonlyArray<string> = [
  "XACK acknowledges an entry id for the whole consumer group, whoever holds it now (the docs: it \"removes one or multiple messages from the Pending Entries List (PEL) of a stream consumer group\", by id): a stale receipt, whose message XAUTOCLAIM has handed to a consumer since, still acknowledges and deletes it, and the answer says deleted: true. The model answers deleted: false and keeps the message, so StaleReceiptsDoNotDelete is violated by Redis itself (an application that needs the fence must check ownership, for example with XPENDING and XACK in one Lua script; this adapter does not add one).",
  "Redis has no visibility timeout: a pending entry is handed out again only when a client claims it with XAUTOCLAIM (or XCLAIM) and a min-idle-time its idle time has reached. The adapter's receive is that claim, with min-idle-time at the visibility timeout, followed by XREADGROUP > for new entries; since the pending entries list and the stream are both in id order and every pending entry precedes every new one, the receive returns the first visible messages in queue order, as the model's does.",
  "Receive counts are Redis's delivery counters (XPENDING's extended form): XREADGROUP sets 1 and every XAUTOCLAIM claim adds 1 (measured; the XAUTOCLAIM docs say of JUSTID that with it \"the retry counter is not incremented\"), and the adapter's XCLAIM ... JUSTID leaves it alone.",
  "QueueRelease and QueueExtend have no Redis command of their own: they are XCLAIM ... IDLE <ms> JUSTID on the entry (so that its idle time reaches the min-idle-time at the end the model sets), after the application's check in the same Lua script that the entry is still pending with the receipt's consumer and delivery count and not yet claimable (XCLAIM alone takes any pending entry from anyone). An extension beyond one visibility timeout from now cannot be expressed (an idle time is never below 0) and answers Unsupported; the generator never asks for one.",
  "Acknowledged entries are deleted with XDEL after a successful XACK (in one Lua script), so an acknowledged message is gone from the stream as in the model; Redis itself would keep it in the stream, out of the group's pending list.",
  "A consumer is a name in the group, not a connection: QueueCrash and a lost connection change nothing at Redis; the crashed consumer's entries stay in the pending entries list, owned by it, until another receive claims them after the visibility timeout, as in the model.",
  "Visibility is real time: ClockAdvance waits, scaled (brokers/realTime.ts), and the adapter puts each delivery's time at the real instant of the run's logical time (XCLAIM ... IDLE <lag> JUSTID) and sets each XAUTOCLAIM's min-idle-time from the run's logical time, so the real time commands and restarts take between two clock advances does not count as visibility time. Answers may still differ from the model's when a command reaches Redis more than half a quantum (real) after the adapter computed its idle time.",
  "Which answers differ from the model's (why the runs are judged guarantees-only): the Acknowledged of a stale receipt (deleted: true), everything after it that the deleted message touches, every answer after a restart that lost data (rdb), and an extension past one visibility timeout (Unsupported). Everything else matched: of 100 generated runs under aof-always (seed 2), 89 matched the model answer for answer, restarts included, and the other 11 first differed at a stale receipt's Acknowledged.",
  "Redis 7.0 streams have no dead-letter queue, no delivery limit, no FIFO message groups, no deduplication and no bounded queue of the model's kind (XADD MAXLEN trims the oldest entries whether delivered or not): configs with them are refused."
]

const notApplicable: BrokerProfile["notApplicable"] = {
  PoisonMessagesEndInTheDeadLetterQueue: "Redis Streams has no dead-letter queue and no delivery limit (an application can move an entry whose delivery counter is too high to another stream itself; that would check the application, not Redis)",
  RedriveReturnsDeadLetters: "Redis Streams has no dead-letter queue to redrive",
  FifoGroupOrderPreserved: "Redis 7.0 streams have no FIFO message groups: every consumer of a group may hold any entry",
  DeduplicationWindowSuppresses: "Redis 7.0 streams do not deduplicate sends (XADD with an explicit id refuses ids not above the last one, which is not a window)",
  OverflowIsKnownToTheProducer: "a Redis stream is not bounded unless XADD trims it (MAXLEN/MINID), and trimming never refuses a send",
  DropOverflowLosesSilently: "XADD MAXLEN trims the oldest entries whether delivered, pending or not, counting every entry: not the model's bounded queue of visible messages"
}

/** The profile of the Redis Streams target under a setting. */
export const redisStreamsProfileOf = (setting: RedisSetting): BrokerProfile => ({
  broker: "Redis Streams",
  setting: settingText[setting],
  server: "redis-server 7.0 (Debian 12)",
  modelPart:
    "The queue half of the model (queues in at-least-once and at-most-once mode, with visibility timeouts, receive counts, receipts, releases, extensions, consumer crashes and broker restarts): one stream and one consumer group per queue; a send is XADD, a receive is XAUTOCLAIM of pending entries idle for the visibility timeout, then XREADGROUP of new ones; an acknowledgement is XACK (and XDEL).",
  differences: [persistenceText[setting], ...differencesShared],
  conformance: "guarantees-only",
  notApplicable,
  configFile: "examples/configs/brokers/redis-streams.json",
  violationNotes: redisViolationNotes
})
