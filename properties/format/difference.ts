/**
 * What differs between the model's answer and the target's, in the domain's
 * words: `Polled: missing orders/0@0; extra payments/1@3`,
 * `Joined: generation 3 instead of 2`, `answered UnknownMember billing/a
 * instead of Polled [orders/0@0]`. Anything these words do not cover falls
 * back to the differing fields (`Polled: records[1].value expected "v1", got "v2"`).
 *
 * @module
 */
import type { LogEntry, LogRecord, PartitionOffset } from "../../spec/record.ts"
import type { Response, ResponseOf, ResponseTag } from "../../spec/response.ts"
import { differencesJson, equalJson } from "../equal.ts"
import { formatPartitionOffset } from "./command.ts"
import { formatMember, formatName, formatTopicPartition } from "./internal/name.ts"
import { formatEntry } from "./internal/entry.ts"
import { formatCoordinatorAbort, formatResponse } from "./response.ts"

/** The most items a list in a message names before `...`. */
const itemsShownMax = 6

const short = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 3)}...` : text)

const list = (items: ReadonlyArray<string>): string =>
  items.length > itemsShownMax ? `${items.slice(0, itemsShownMax).join(" ")} ... (${items.length} in all)` : items.join(" ")

const bracketed = (items: ReadonlyArray<string>): string => `[${list(items)}]`

/** `label actual instead of expected`, or nothing when they are equal. */
const changed = (label: string, expected: unknown, actual: unknown): ReadonlyArray<string> =>
  equalJson(expected, actual) ? [] : [`${label} ${String(actual)} instead of ${String(expected)}`]

/**
 * Two lists of named items, compared as the domain reads them: which items
 * are missing, which are extra, or, with the same items, a different order.
 */
const listChanges = (noun: string, expected: ReadonlyArray<string>, actual: ReadonlyArray<string>, ordered: boolean): ReadonlyArray<string> => {
  const expectedSet = new Set(expected)
  const actualSet = new Set(actual)
  const missing = expected.filter((item) => !actualSet.has(item))
  const extra = actual.filter((item) => !expectedSet.has(item))
  const parts: Array<string> = []
  const prefix = noun === "" ? "" : `${noun} `
  if (missing.length > 0) parts.push(`${prefix}missing ${list(missing)}`)
  if (extra.length > 0) parts.push(`${prefix}extra ${list(extra)}`)
  if (parts.length === 0 && expected.length !== actual.length) {
    parts.push(`${prefix}${bracketed(actual)} instead of ${bracketed(expected)}`)
  }
  if (parts.length === 0 && ordered && !equalJson(expected, actual)) {
    parts.push(`${prefix}reordered: ${bracketed(actual)} instead of ${bracketed(expected)}`)
  }
  return parts
}

/** The same records at the same places, but with other contents (value, key, producer, timestamp). */
const recordContents = (expected: ReadonlyArray<LogRecord>, actual: ReadonlyArray<LogRecord>): ReadonlyArray<string> => {
  const parts: Array<string> = []
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    for (const line of differencesJson(expected[i], actual[i])) parts.push(`${formatPartitionOffset(expected[i])} ${line}`)
  }
  return parts
}

/** The same stored entries at the same offsets, but with other contents (a marker for a record, another value, epoch...). */
const entryContents = (expected: ReadonlyArray<LogEntry>, actual: ReadonlyArray<LogEntry>): ReadonlyArray<string> => {
  const parts: Array<string> = []
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    const e = formatEntry(expected[i])
    const a = formatEntry(actual[i])
    if (e !== a) parts.push(`entry ${a} instead of ${e}`)
  }
  return parts
}

/** Two lists of offsets (or markers) as the domain reads them: missing, extra, reordered. */
const offsetChanges = (noun: string, expected: ReadonlyArray<PartitionOffset>, actual: ReadonlyArray<PartitionOffset>): ReadonlyArray<string> =>
  listChanges(noun, expected.map(formatPartitionOffset), actual.map(formatPartitionOffset), true)

type Words<Tag extends ResponseTag> = (expected: ResponseOf<Tag>, actual: ResponseOf<Tag>) => ReadonlyArray<string>

type WithAssignment = ResponseOf<"Joined" | "HeartbeatOk" | "RebalanceInProgress">

const assignment = (expected: WithAssignment, actual: WithAssignment): ReadonlyArray<string> => [
  ...changed("generation", expected.generation, actual.generation),
  ...listChanges("assignment", expected.assignment.map(formatTopicPartition), actual.assignment.map(formatTopicPartition), true)
]

/** `orders/1@3 instead of orders/0@3`, or nothing when the positions are equal. */
const position = (expected: PartitionOffset, actual: PartitionOffset): ReadonlyArray<string> => {
  const e = formatPartitionOffset(expected)
  const a = formatPartitionOffset(actual)
  return e === a ? [] : [`${a} instead of ${e}`]
}

/** The domain's words for each tag whose answers can differ in more than one plain field. */
const wordsByTag: { readonly [Tag in ResponseTag]?: Words<Tag> } = {
  Sent: position,
  Processed: (expected, actual) => [
    ...position(expected, actual),
    ...changed(
      "result at",
      expected.output === undefined ? "none" : formatPartitionOffset(expected.output),
      actual.output === undefined ? "none" : formatPartitionOffset(actual.output)
    )
  ],
  Seeked: position,
  NotDelivered: position,
  Polled: (expected, actual) => {
    const names = listChanges("", expected.records.map(formatPartitionOffset), actual.records.map(formatPartitionOffset), true)
    return names.length > 0 ? names : recordContents(expected.records, actual.records)
  },
  Joined: assignment,
  HeartbeatOk: assignment,
  RebalanceInProgress: assignment,
  Left: (expected, actual) => changed("generation", expected.generation, actual.generation),
  Committed: (expected, actual) => [
    ...changed("generation", expected.generation, actual.generation),
    ...listChanges("offsets", expected.offsets.map(formatPartitionOffset), actual.offsets.map(formatPartitionOffset), false)
  ],
  ClockAdvanced: (expected, actual) => [
    ...changed("now", `${expected.nowMs}ms`, `${actual.nowMs}ms`),
    ...listChanges("expired", expected.expired.map(formatMember), actual.expired.map(formatMember), false),
    ...listChanges(
      "rebalanced",
      expected.rebalanced.map((gg) => `${formatName(gg.group)}@gen=${gg.generation}`),
      actual.rebalanced.map((gg) => `${formatName(gg.group)}@gen=${gg.generation}`),
      false
    ),
    ...listChanges(
      "timed-out transactions",
      (expected.transactionsAborted ?? []).map(formatCoordinatorAbort),
      (actual.transactionsAborted ?? []).map(formatCoordinatorAbort),
      true
    )
  ],
  ProducerInitialized: (expected, actual) => [
    ...changed("producer id", expected.producerId, actual.producerId),
    ...changed("epoch", expected.epoch, actual.epoch),
    ...offsetChanges("abort markers", expected.aborted ?? [], actual.aborted ?? [])
  ],
  TxnOffsetsSent: (expected, actual) => [
    ...changed("generation", expected.generation, actual.generation),
    ...offsetChanges("offsets", expected.offsets, actual.offsets)
  ],
  TxnCommitted: (expected, actual) => offsetChanges("commit markers", expected.markers, actual.markers),
  TxnAborted: (expected, actual) => offsetChanges("abort markers", expected.markers, actual.markers),
  OffsetsFetched: (expected, actual) => offsetChanges("committed offsets", expected.offsets, actual.offsets),
  SendTimedOut: (expected, actual) => changed("partition", formatTopicPartition(expected), formatTopicPartition(actual)),
  Dumped: (expected, actual) => {
    const offsets = listChanges(
      "entries",
      expected.entries.map((entry) => `@${entry.offset}`),
      actual.entries.map((entry) => `@${entry.offset}`),
      true
    )
    return [
      ...changed("high watermark", expected.highWatermark, actual.highWatermark),
      ...changed("last stable offset", expected.lastStableOffset, actual.lastStableOffset),
      ...(offsets.length > 0 ? offsets : entryContents(expected.entries, actual.entries))
    ]
  },
  StaleGeneration: (expected, actual) => [
    ...changed("generation", expected.generation, actual.generation),
    ...changed("current generation", expected.generationCurrent, actual.generationCurrent)
  ],
  OffsetOutOfRange: (expected, actual) => [
    ...position(expected, actual),
    ...changed("high watermark", expected.highWatermark, actual.highWatermark)
  ]
}

/** Who an answer is for, when both answers carry a group and a member. */
const whom = (expected: Response, actual: Response): ReadonlyArray<string> => {
  const e = expected as { readonly group?: string; readonly member?: string }
  const a = actual as { readonly group?: string; readonly member?: string }
  return e.group === a.group && e.member === a.member
    ? []
    : [`for ${formatMember({ group: a.group ?? "", member: a.member ?? "" })} instead of ${formatMember({ group: e.group ?? "", member: e.member ?? "" })}`]
}

/**
 * A one-line message for a target's answer that differs from the model's, in
 * the domain's words where they apply, else naming the differing fields. At
 * most three differences are named, then `...`.
 *
 * @example
 * ```ts
 * describeDifference(
 *   { _tag: "Joined", group: "billing", member: "a", generation: 2, assignment: [{ topic: "orders", partition: 0 }] },
 *   { _tag: "Joined", group: "billing", member: "a", generation: 3, assignment: [] }
 * ) // "Joined: generation 3 instead of 2; assignment missing orders/0"
 * ```
 */
export const describeDifference = (expected: Response, actual: Response): string => {
  if (expected._tag !== actual._tag) {
    return `answered ${short(formatResponse(actual), 100)} instead of ${short(formatResponse(expected), 100)}`
  }
  const words = wordsByTag[expected._tag] as Words<ResponseTag> | undefined
  const domain = words === undefined ? [] : [...whom(expected, actual), ...words(expected, actual)]
  // Whatever the domain's words do not account for is named field by field.
  const lines = domain.length > 0 ? domain : differencesJson(expected, actual, 4)
  const shown = lines.slice(0, 3).join("; ")
  return `${expected._tag}: ${shown}${lines.length > 3 ? "; ..." : ""}`
}
