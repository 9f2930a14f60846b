/**
 * The embedded SQL database behind the SQL-backed layers of the effect store
 * and the services' databases: SQLite compiled to WebAssembly (sql.js), one
 * fresh in-memory database per broker session, closed with the session.
 *
 * sql.js was chosen over PGlite (Postgres in WASM): it initializes in tens
 * of milliseconds (26 ms measured on a quiet core, up to about 200 ms on
 * this shared two-core machine under load) where PGlite takes about 4.6 s,
 * and its calls are
 * synchronous, which fits a broker that executes one command at a time (a
 * command's statements run to completion before the next command starts).
 * Transactions are real SQLite transactions: a simulated crash inside one
 * issues ROLLBACK, and SQLite discards what the transaction wrote.
 *
 * Strings are stored as BLOBs of UTF-16 code units (see `sqlText.ts`).
 *
 * @module
 */
import { Effect, type Scope } from "effect"
import type { Database, SqlJsStatic, SqlValue, Statement } from "sql.js"

/** A value bound to a statement parameter. */
export type SqlParam = SqlValue

/** One row of a query, by column name. */
export type SqlRow = Readonly<Record<string, SqlValue>>

let loaded: Promise<SqlJsStatic> | undefined

/**
 * The sql.js module, loaded (and its WASM compiled) once per process: the
 * promise is memoized, so every later session reuses it. A failed load is
 * forgotten, so a later session tries again. The package itself is imported
 * here, on first use, so that a process that never opens a SQL layer (every
 * `qsem` run on another target) does not pay its ~70 ms import.
 */
export const loadSqlJs = (): Promise<SqlJsStatic> => {
  if (loaded === undefined) {
    loaded = import("sql.js").then((module) => module.default()).catch((error: unknown) => {
      loaded = undefined
      throw error
    })
  }
  return loaded
}

/**
 * A fresh, empty in-memory database on which `schema` has run, closed when
 * the scope closes. A module that cannot load is a defect (the package is
 * broken, not the command).
 */
export const openSqlDatabase = (schema: string): Effect.Effect<Database, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.map(Effect.promise(loadSqlJs), (SQL) => {
      const database = new SQL.Database()
      database.run(schema)
      return database
    }),
    (database) => Effect.sync(() => database.close())
  )

/** Each database's prepared statements, by SQL text (sql.js frees them when the database closes). */
const prepared = new WeakMap<Database, Map<string, Statement>>()

/** The statement for `sql`, prepared once per database (preparing costs more than running a small statement). */
const statementFor = (database: Database, sql: string): Statement => {
  let statements = prepared.get(database)
  if (statements === undefined) {
    statements = new Map()
    prepared.set(database, statements)
  }
  let statement = statements.get(sql)
  if (statement === undefined) {
    statement = database.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}

/**
 * The database of a session, opened (with `schema`) when first asked for and
 * closed when the scope closes, if it was opened. The sql.js module is loaded
 * here, so asking is synchronous; a session that never touches the store
 * (a config without effects or services) opens no database.
 */
export const sqlDatabaseOnFirstUse = (schema: string): Effect.Effect<() => Database, never, Scope.Scope> =>
  Effect.gen(function*() {
    const SQL = yield* Effect.promise(loadSqlJs)
    let database: Database | undefined
    yield* Effect.addFinalizer(() => Effect.sync(() => database?.close()))
    return () => {
      if (database === undefined) {
        database = new SQL.Database()
        database.run(schema)
      }
      return database
    }
  })

/** Runs one statement that returns no rows; answers how many rows it inserted, updated or deleted. */
export const sqlRun = (database: Database, sql: string, params: ReadonlyArray<SqlParam> = []): number => {
  const statement = statementFor(database, sql)
  try {
    statement.run(params as Array<SqlParam>)
  } finally {
    statement.reset()
  }
  return database.getRowsModified()
}

/** The rows one query returns, in the order it returns them. */
export const sqlRows = (database: Database, sql: string, params: ReadonlyArray<SqlParam> = []): ReadonlyArray<SqlRow> => {
  const statement = statementFor(database, sql)
  try {
    statement.bind(params as Array<SqlParam>)
    const rows: Array<SqlRow> = []
    while (statement.step()) rows.push(statement.getAsObject())
    return rows
  } finally {
    statement.reset()
  }
}

/**
 * Runs `body` inside BEGIN ... COMMIT and answers its result. When `body`
 * throws, the transaction is rolled back and the error rethrown; when
 * `crashBeforeCommit` is set, the process "dies" after `body` and before
 * COMMIT: the transaction is rolled back, so nothing `body` wrote remains.
 */
export const sqlTransaction = <A>(database: Database, body: () => A, crashBeforeCommit = false): A => {
  database.run("BEGIN")
  let result: A
  try {
    result = body()
  } catch (error) {
    // SQLite may have ended the transaction itself (on some errors it rolls back on its own):
    // a failed ROLLBACK must not hide the error that caused it
    try {
      database.run("ROLLBACK")
    } catch {
      // no transaction was left open
    }
    throw error
  }
  database.run(crashBeforeCommit ? "ROLLBACK" : "COMMIT")
  return result
}
