import { Effect, Exit, Scope } from "effect"
import type { Database } from "sql.js"
import { describe, expect, it } from "vitest"
import { loadSqlJs, openSqlDatabase, sqlDatabaseOnFirstUse, sqlRows, sqlRun, sqlTransaction } from "./sqlDatabase.ts"

const schema = "CREATE TABLE t (n INTEGER PRIMARY KEY)"

const count = (database: Database): number => Number(sqlRows(database, "SELECT count(*) AS n FROM t")[0].n)

describe("sqlDatabase", () => {
  it("loads the sql.js module once per process", () => {
    expect(loadSqlJs()).toBe(loadSqlJs())
  })

  it("opens a fresh database with the schema, and closes it when the scope closes", async () => {
    const scope = Scope.makeUnsafe()
    const database = await Effect.runPromise(Scope.provide(openSqlDatabase(schema), scope))
    expect(sqlRun(database, "INSERT INTO t (n) VALUES (?), (?)", [1, 2])).toBe(2)
    expect(count(database)).toBe(2)
    await Effect.runPromise(Scope.close(scope, Exit.void))
    expect(() => database.exec("SELECT 1")).toThrow()
    const other = await Effect.runPromise(Effect.scoped(Effect.map(openSqlDatabase(schema), count)))
    expect(other).toBe(0)
  })

  it("opens a session's database on first use, the same one every time after, and closes it with the scope", async () => {
    const scope = Scope.makeUnsafe()
    const databaseOf = await Effect.runPromise(Scope.provide(sqlDatabaseOnFirstUse(schema), scope))
    const database = databaseOf()
    sqlRun(database, "INSERT INTO t (n) VALUES (1)")
    expect(databaseOf()).toBe(database)
    expect(count(databaseOf())).toBe(1)
    await Effect.runPromise(Scope.close(scope, Exit.void))
    expect(() => database.exec("SELECT 1")).toThrow()
    // never asked for: nothing to close
    await Effect.runPromise(Effect.scoped(sqlDatabaseOnFirstUse(schema)))
  })

  it("commits a transaction, and really rolls it back on a crash before the commit", async () => {
    const result = await Effect.runPromise(
      Effect.scoped(Effect.map(openSqlDatabase(schema), (database) => {
        const committed = sqlTransaction(database, () => sqlRun(database, "INSERT INTO t (n) VALUES (1)"))
        const seenInside: Array<number> = []
        const crashed = sqlTransaction(
          database,
          () => {
            sqlRun(database, "INSERT INTO t (n) VALUES (2)")
            seenInside.push(count(database))
            return "body ran"
          },
          true
        )
        return { committed, crashed, seenInside, after: count(database), autocommit: database.exec("SELECT 1").length }
      }))
    )
    expect(result).toEqual({ committed: 1, crashed: "body ran", seenInside: [2], after: 1, autocommit: 1 })
  })

  it("rolls a transaction back when its body throws, and rethrows", async () => {
    const result = await Effect.runPromise(
      Effect.scoped(Effect.map(openSqlDatabase(schema), (database) => {
        let thrown: unknown
        try {
          sqlTransaction(database, () => {
            sqlRun(database, "INSERT INTO t (n) VALUES (1)")
            sqlRun(database, "INSERT INTO t (n) VALUES (1)")
          })
        } catch (error) {
          thrown = error
        }
        // a new transaction can begin (the failed one is not left open), and the statement that
        // failed runs again: its first row was rolled back, and the cached statement was reset
        sqlTransaction(database, () => sqlRun(database, "INSERT INTO t (n) VALUES (1)"))
        sqlRun(database, "INSERT INTO t (n) VALUES (5)")
        return { thrown: String(thrown), rows: sqlRows(database, "SELECT n FROM t ORDER BY n").map((row) => row.n) }
      }))
    )
    expect(result.thrown).toMatch(/UNIQUE/)
    expect(result.rows).toEqual([1, 5])
  })
})
