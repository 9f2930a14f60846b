/**
 * A service's database (spec/command/service.ts): its business table (one
 * row per committed event, in commit order) and, for an `outbox` service,
 * its outbox table (one row per event, in insertion order). The relay only
 * ever marks the oldest unpublished row, so the published rows are always a
 * prefix of the outbox: a count says which. Persistent like the rest of the
 * state: every write is an O(1) append.
 *
 * @module
 */
import type { BusinessRow, OutboxRow } from "../../spec/effect.ts"
import * as Seq from "../internal/seq.ts"
import { seqKeyIndex } from "../internal/seqKeyIndex.ts"

/** An outbox row as stored: its event and key (whether it is published is its position below `published`). */
export interface OutboxEntry {
  readonly event: string
  readonly key: string | undefined
}

/** One service's tables. */
export interface ServiceTables {
  /** The business rows, in commit order. */
  readonly rows: Seq.Seq<BusinessRow>
  /** The outbox rows, in insertion order. */
  readonly outbox: Seq.Seq<OutboxEntry>
  /** How many outbox rows (the first ones) the relay marked published. */
  readonly published: number
}

/** A service with empty tables. */
export const serviceTablesEmpty = (): ServiceTables => ({ rows: Seq.empty(), outbox: Seq.empty(), published: 0 })

const rowIndex = seqKeyIndex<BusinessRow>((row) => row.event)

/** Whether the business table holds `event` (its primary key). */
export const holdsEvent = (tables: ServiceTables, event: string): boolean => rowIndex.lastOf(tables.rows, event) !== undefined

/** The business row of `event` committed at `atMs`, without a key when it has none. */
export const businessRow = (event: string, key: string | undefined, atMs: number): BusinessRow =>
  key === undefined ? { event, atMs } : { event, key, atMs }

/** The tables with the business row committed. */
export const commitRow = (tables: ServiceTables, row: BusinessRow): ServiceTables => ({
  rows: Seq.append(tables.rows, row),
  outbox: tables.outbox,
  published: tables.published
})

/** The tables after one local transaction inserted the business row and its unpublished outbox row. */
export const commitRowWithOutbox = (tables: ServiceTables, row: BusinessRow): ServiceTables => ({
  rows: Seq.append(tables.rows, row),
  outbox: Seq.append(tables.outbox, { event: row.event, key: row.key }),
  published: tables.published
})

/** The oldest unpublished outbox row, or `undefined` when every row is published. */
export const nextUnpublished = (tables: ServiceTables): OutboxEntry | undefined =>
  tables.published < Seq.size(tables.outbox) ? Seq.at(tables.outbox, tables.published) : undefined

/** The tables with the oldest unpublished outbox row marked published. */
export const markPublished = (tables: ServiceTables): ServiceTables => ({
  rows: tables.rows,
  outbox: tables.outbox,
  published: tables.published + 1
})

/** The outbox rows as `ObserverService` lists them, in insertion order. */
export const outboxRows = (tables: ServiceTables): Array<OutboxRow> =>
  Seq.toArray(tables.outbox).map((entry, index) =>
    entry.key === undefined
      ? { event: entry.event, published: index < tables.published }
      : { event: entry.event, key: entry.key, published: index < tables.published }
  )
