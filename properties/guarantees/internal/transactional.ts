/**
 * Whether a history shows anything of idempotent or transactional producers
 * (a lost acknowledgement, a retry, an init, a transaction, an exactly-once
 * result, a coordinator abort, an observer dump), or a service's writes and
 * relays (sends that only the answers of `ServiceWrite` and `RelayPublish`
 * show). Histories of configs without configured producers, exactly-once
 * groups or services show none of it, and
 * the checkers that only look at such answers skip them at the cost of one
 * scan of the tags.
 *
 * @module
 */
import type { History, HistoryEntry } from "../../../spec/index.ts"
import { memoByHistory } from "./historyMemo.ts"

const tags: ReadonlySet<string> = new Set([
  "SendTimedOut",
  "ProducerInitialized",
  "ProducerFenced",
  "TxnOffsetsSent",
  "TxnCommitted",
  "TxnAborted",
  "Dumped",
  "OffsetsFetched",
  "ServiceWritten",
  "ServiceCrashed",
  "Relayed",
  "RelayCrashed"
])

const shows = ({ command, response }: HistoryEntry): boolean =>
  tags.has(response._tag) || command._tag === "ProducerRetry" ||
  ((response._tag === "Processed" || response._tag === "ProcessCrashed") && response.output !== undefined) ||
  (response._tag === "ClockAdvanced" && response.transactionsAborted !== undefined)

/** Whether the history shows idempotent or transactional producers at work (see the module comment). */
export const showsTransactions: (history: History) => boolean = memoByHistory((history) => history.some(shows))
