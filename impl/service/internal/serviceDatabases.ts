/**
 * The services' databases in memory, as tables with atomic updates: the
 * building blocks of the in-memory service store and of the mutants that
 * break it (they write the same tables in another order).
 *
 * @module
 */
import { Effect } from "effect"
import type { BusinessRow, OutboxRow } from "../../../spec/effect.ts"
import * as AppendLog from "../../internal/appendLog.ts"

/** One service's database: its business table (commit order, with its primary keys) and its outbox (insertion order). */
export interface ServiceTables {
  readonly rows: AppendLog.AppendLog<BusinessRow>
  readonly events: ReadonlySet<string>
  /** The outbox rows by event, in insertion order (a `Map` keeps it when a row is updated). */
  readonly outbox: ReadonlyMap<string, OutboxRow>
}

/** An empty database. */
export const tablesEmpty: ServiceTables = { rows: AppendLog.empty(), events: new Set(), outbox: new Map() }

/** The tables with the business row `row` committed. */
export const withRow = (tables: ServiceTables, row: BusinessRow): ServiceTables => ({
  ...tables,
  rows: AppendLog.append(tables.rows, row.key === undefined ? { event: row.event, atMs: row.atMs } : { event: row.event, key: row.key, atMs: row.atMs }),
  events: new Set(tables.events).add(row.event)
})

/** The tables with an unpublished outbox row for `row`'s event and key. */
export const withOutboxRow = (tables: ServiceTables, row: BusinessRow): ServiceTables => ({
  ...tables,
  outbox: new Map(tables.outbox).set(
    row.event,
    row.key === undefined ? { event: row.event, published: false } : { event: row.event, key: row.key, published: false }
  )
})

/** The tables with the outbox row of `event` marked published (unchanged when there is none). */
export const withPublished = (tables: ServiceTables, event: string): ServiceTables => {
  const row = tables.outbox.get(event)
  return row === undefined || row.published ? tables : { ...tables, outbox: new Map(tables.outbox).set(event, { ...row, published: true }) }
}

/** The oldest unpublished outbox row. */
export const firstUnpublished = (tables: ServiceTables): OutboxRow | undefined => {
  for (const row of tables.outbox.values()) if (!row.published) return row
  return undefined
}

/** Every service's database, by service name (a name never written has an empty one). */
export interface ServiceDatabases {
  readonly read: (service: string) => ServiceTables
  /** One transaction: replaces the service's tables with `f` of them, answering what `f` says. */
  readonly transact: <A>(service: string, f: (tables: ServiceTables) => readonly [A, ServiceTables]) => A
}

/** Empty databases. */
export const serviceDatabasesOf = (): ServiceDatabases => {
  const databases = new Map<string, ServiceTables>()
  return {
    read(service) {
      return databases.get(service) ?? tablesEmpty
    },
    transact(service, f) {
      const [answer, next] = f(databases.get(service) ?? tablesEmpty)
      databases.set(service, next)
      return answer
    }
  }
}

/** {@link serviceDatabasesOf}, as an Effect. */
export const makeServiceDatabases: Effect.Effect<ServiceDatabases> = Effect.sync(serviceDatabasesOf)
