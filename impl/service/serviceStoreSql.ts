/**
 * The services' databases in an embedded SQL database (SQLite via sql.js,
 * see `impl/sql/sqlDatabase.ts`), one fresh in-memory database per broker
 * session. The transactional outbox is real SQL: `writeWithOutbox` is
 * `BEGIN; INSERT INTO business ...; INSERT INTO outbox ...; COMMIT`, and a
 * crash before the commit is a real `ROLLBACK`.
 *
 * Tables, one row set per service:
 * - `business`: the committed business rows, the event as primary key; the
 *   rowid (never reused: rows are never deleted) is the commit order.
 * - `outbox`: one row per event with a published flag; the rowid is the
 *   insertion order (an index on (service, published) finds the oldest
 *   unpublished row without a scan: index entries are in rowid order).
 *
 * Strings are BLOBs of UTF-16 code units (`impl/sql/sqlText.ts`), so they
 * round-trip exactly.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { BusinessRow, OutboxRow } from "../../spec/effect.ts"
import { sqlDatabaseOnFirstUse, type SqlRow, sqlRows, sqlRun, sqlTransaction } from "../sql/sqlDatabase.ts"
import { decodeText, encodeText } from "../sql/sqlText.ts"
import { ServiceStore, type ServiceStoreShape } from "./serviceStoreShape.ts"

const schema = `
CREATE TABLE business (
  service BLOB NOT NULL,
  event BLOB NOT NULL,
  key BLOB,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (service, event)
);
CREATE TABLE outbox (
  service BLOB NOT NULL,
  event BLOB NOT NULL,
  key BLOB,
  published INTEGER NOT NULL,
  PRIMARY KEY (service, event)
);
CREATE INDEX outbox_unpublished ON outbox (service, published);
`

/** The key column's value: the encoded key, `null` when the row has none. */
const keyParam = (key: string | undefined): Uint8Array | null => key === undefined ? null : encodeText(key)

/** An outbox row read back. */
const outboxRowOf = (row: SqlRow): OutboxRow =>
  row.key === null
    ? { event: decodeText(row.event), published: row.published === 1 }
    : { event: decodeText(row.event), key: decodeText(row.key), published: row.published === 1 }

/** The services' databases of one session, on a fresh SQL database opened on first use and closed with the session's scope. */
export const makeServiceStoreSql = Effect.gen(function*() {
  const databaseOf = yield* sqlDatabaseOnFirstUse(schema)

  const insertBusiness = (service: string, row: BusinessRow): void => {
    sqlRun(databaseOf(), "INSERT INTO business (service, event, key, at_ms) VALUES (?, ?, ?, ?)", [
      encodeText(service),
      encodeText(row.event),
      keyParam(row.key),
      row.atMs
    ])
  }

  const store: ServiceStoreShape = {
    holds: (service, event) =>
      sqlRows(databaseOf(), "SELECT 1 AS found FROM business WHERE service = ? AND event = ?", [
        encodeText(service),
        encodeText(event)
      ]).length > 0,
    writeWithOutbox: (service, row, crashBeforeCommit) => {
      sqlTransaction(
        databaseOf(),
        () => {
          insertBusiness(service, row)
          sqlRun(databaseOf(), "INSERT INTO outbox (service, event, key, published) VALUES (?, ?, ?, 0)", [
            encodeText(service),
            encodeText(row.event),
            keyParam(row.key)
          ])
        },
        crashBeforeCommit
      )
      return !crashBeforeCommit
    },
    commitRow: insertBusiness,
    nextUnpublished: (service) => {
      const rows = sqlRows(
        databaseOf(),
        "SELECT event, key, published FROM outbox WHERE service = ? AND published = 0 ORDER BY rowid LIMIT 1",
        [encodeText(service)]
      )
      return rows.length === 0 ? undefined : outboxRowOf(rows[0])
    },
    markPublished: (service, event) => {
      sqlRun(databaseOf(), "UPDATE outbox SET published = 1 WHERE service = ? AND event = ?", [
        encodeText(service),
        encodeText(event)
      ])
    },
    list: (service) => {
      const key = encodeText(service)
      const rows = sqlRows(databaseOf(), "SELECT event, key, at_ms FROM business WHERE service = ? ORDER BY rowid", [key]).map(
        (row): BusinessRow =>
          row.key === null
            ? { event: decodeText(row.event), atMs: Number(row.at_ms) }
            : { event: decodeText(row.event), key: decodeText(row.key), atMs: Number(row.at_ms) }
      )
      const outbox = sqlRows(databaseOf(), "SELECT event, key, published FROM outbox WHERE service = ? ORDER BY rowid", [key]).map(
        outboxRowOf
      )
      return { rows, outbox }
    }
  }
  return store
})

/** The services' databases in an embedded SQLite database (sql.js), one per broker session. */
export const serviceStoreSqlLayer: Layer.Layer<ServiceStore> = Layer.effect(ServiceStore, makeServiceStoreSql)
