/**
 * The effect store in an embedded SQL database (SQLite via sql.js, see
 * `impl/sql/sqlDatabase.ts`): the groups' external systems as real tables,
 * with real transactions where the shape says "in one transaction". One
 * fresh in-memory database per broker session.
 *
 * Tables, one row set per group:
 * - `ledger`: the applied effects; an AUTOINCREMENT `seq` is the order of
 *   application.
 * - `remembered`: the dedup keys of an `idempotency-key` remedy, with the
 *   time they were recorded (one row per id: a new recording replaces it).
 * - `entities`: the `conditional-update` entities, with version and value.
 *
 * Strings are BLOBs of UTF-16 code units (`impl/sql/sqlText.ts`), so they
 * round-trip exactly and `ORDER BY` sorts them as JavaScript does.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import type { AppliedEffect, EntityState, RememberedId } from "../../spec/effect.ts"
import { BrokerConfig } from "../brokerConfig.ts"
import { sqlDatabaseOnFirstUse, sqlRows, sqlRun, sqlTransaction } from "../sql/sqlDatabase.ts"
import { decodeText, encodeText } from "../sql/sqlText.ts"
import { EffectStore, type EffectStoreShape } from "./effectStoreShape.ts"

const schema = `
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  grp BLOB NOT NULL,
  id BLOB NOT NULL,
  entity BLOB,
  at_ms INTEGER NOT NULL
);
CREATE INDEX ledger_by_group ON ledger (grp, seq);
CREATE TABLE remembered (
  grp BLOB NOT NULL,
  id BLOB NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (grp, id)
);
CREATE TABLE entities (
  grp BLOB NOT NULL,
  entity BLOB NOT NULL,
  version INTEGER NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (grp, entity)
);
`

/** Whether a `remembered` row is live at a time: `nowMs < at_ms + window`, or always without a window; bind {@link liveParams}. */
const live = "(? IS NULL OR ? < at_ms + ?)"

/** The parameters of {@link live}: the window (`null` for none) and the time. */
const liveParams = (window: number | null, nowMs: number) => [window, nowMs, window] as const

/** The effect store of one session, on a fresh SQL database opened on first use and closed with the session's scope. */
export const makeEffectStoreSql = Effect.gen(function*() {
  const brokerConfig = yield* BrokerConfig
  const databaseOf = yield* sqlDatabaseOnFirstUse(schema)

  /** The group's dedup window: its `effect.dedupWindowMs`, `null` for none (remembered forever). */
  const windowOf = (group: string): number | null => brokerConfig.group(group)?.effect?.dedupWindowMs ?? null

  /** Whether the group remembers `id` at `nowMs`. */
  const remembersAt = (group: string, id: string, nowMs: number): boolean => {
    const window = windowOf(group)
    return sqlRows(
      databaseOf(),
      `SELECT 1 AS found FROM remembered WHERE grp = ? AND id = ? AND ${live}`,
      [encodeText(group), encodeText(id), ...liveParams(window, nowMs)]
    ).length > 0
  }

  const remember = (group: string, effect: AppliedEffect): void => {
    sqlRun(
      databaseOf(),
      "INSERT INTO remembered (grp, id, at_ms) VALUES (?, ?, ?) ON CONFLICT (grp, id) DO UPDATE SET at_ms = excluded.at_ms",
      [encodeText(group), encodeText(effect.id), effect.atMs]
    )
  }

  const apply = (group: string, effect: AppliedEffect): void => {
    sqlRun(
      databaseOf(),
      "INSERT INTO ledger (grp, id, entity, at_ms) VALUES (?, ?, ?, ?)",
      [encodeText(group), encodeText(effect.id), effect.entity === undefined ? null : encodeText(effect.entity), effect.atMs]
    )
  }

  /** The entity's version, 0 when it has no row. */
  const versionOf = (group: string, entity: string): number => {
    const rows = sqlRows(databaseOf(), "SELECT version FROM entities WHERE grp = ? AND entity = ?", [
      encodeText(group),
      encodeText(entity)
    ])
    return rows.length === 0 ? 0 : Number(rows[0].version)
  }

  const store: EffectStoreShape = {
    remembers: (group, effect) => remembersAt(group, effect.id, effect.atMs),
    remember,
    apply,
    applyAndRemember: (group, effect) =>
      sqlTransaction(databaseOf(), () => {
        apply(group, effect)
        remember(group, effect)
      }),
    compareAndSet: (group, effect, version, value) =>
      sqlTransaction(databaseOf(), () => {
        const versionBefore = versionOf(group, effect.entity)
        const written = version === 1
          ? sqlRun(databaseOf(), "INSERT INTO entities (grp, entity, version, value) VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING", [
            encodeText(group),
            encodeText(effect.entity),
            encodeText(value)
          ])
          : sqlRun(databaseOf(), "UPDATE entities SET version = ?, value = ? WHERE grp = ? AND entity = ? AND version = ?", [
            version,
            encodeText(value),
            encodeText(group),
            encodeText(effect.entity),
            version - 1
          ])
        const applied = written === 1
        if (applied) apply(group, effect)
        return { applied, versionBefore }
      }),
    list: (group, nowMs) => {
      const key = encodeText(group)
      const window = windowOf(group)
      const applied = sqlRows(databaseOf(), "SELECT id, entity, at_ms FROM ledger WHERE grp = ? ORDER BY seq", [key]).map(
        (row): AppliedEffect =>
          row.entity === null
            ? { id: decodeText(row.id), atMs: Number(row.at_ms) }
            : { id: decodeText(row.id), entity: decodeText(row.entity), atMs: Number(row.at_ms) }
      )
      const remembered = sqlRows(
        databaseOf(),
        `SELECT id, at_ms FROM remembered WHERE grp = ? AND ${live} ORDER BY at_ms, id`,
        [key, ...liveParams(window, nowMs)]
      ).map((row): RememberedId => ({ id: decodeText(row.id), atMs: Number(row.at_ms) }))
      const entities = sqlRows(databaseOf(), "SELECT entity, version, value FROM entities WHERE grp = ? ORDER BY entity", [
        key
      ]).map((row): EntityState => ({
        entity: decodeText(row.entity),
        version: Number(row.version),
        value: decodeText(row.value)
      }))
      return { applied, remembered, entities }
    }
  }
  return store
})

/** The effect store in an embedded SQLite database (sql.js), one per broker session. */
export const effectStoreSqlLayer: Layer.Layer<EffectStore, never, BrokerConfig> = Layer.effect(EffectStore, makeEffectStoreSql)
