/**
 * The built-in broker with its external systems in an embedded SQL database:
 * the groups' effect stores and the services' databases are SQLite tables
 * (sql.js, SQLite compiled to WebAssembly; see `sql/sqlDatabase.ts` for why
 * sql.js rather than PGlite), so the transactional outbox and the
 * idempotency remedies run as real SQL inside real transactions, and a crash
 * before a commit is a real ROLLBACK. Everything else is the built-in broker.
 * It answers exactly as `builtin` does: the two layers implement the same
 * shapes with the same answers as the in-memory ones.
 *
 * @module
 */
import { makeBrokerTarget } from "./builtin.ts"
import { effectStoreSqlLayer } from "./effect/effectStoreSql.ts"
import { serviceStoreSqlLayer } from "./service/serviceStoreSql.ts"
import type { Target } from "./target.ts"

/**
 * The built-in broker whose effect stores and services' databases are SQL
 * (`--target builtin-sql`). A session opens two fresh in-memory SQLite
 * databases, closed when the session's scope closes; the sql.js module is
 * loaded once per process.
 *
 * @example
 * ```ts
 * const run = await Effect.runPromise(runChoices(builtinSqlTarget, config, choices))
 * ```
 */
export const builtinSqlTarget: Target = makeBrokerTarget("builtin-sql", {
  effectStore: effectStoreSqlLayer,
  serviceStore: serviceStoreSqlLayer
})
