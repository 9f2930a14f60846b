import { Effect } from "effect"
import * as fc from "fast-check"
import type { Database } from "sql.js"
import { describe, expect, it } from "vitest"
import { openSqlDatabase, sqlRows } from "./sqlDatabase.ts"
import { decodeText, encodeText } from "./sqlText.ts"

/** Any JavaScript string: any UTF-16 code units, lone surrogates included. */
const anyString = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units))

const withDatabase = <A>(body: (database: Database) => A): Promise<A> =>
  Effect.runPromise(Effect.scoped(Effect.map(openSqlDatabase("CREATE TABLE t (s BLOB)"), body)))

describe("sqlText", () => {
  it("decodes what it encodes, for any string", () => {
    fc.assert(fc.property(anyString, (text) => decodeText(encodeText(text)) === text))
  })

  it("round-trips any string through a SQLite BLOB column", async () => {
    const texts = fc.sample(anyString, { numRuns: 200, seed: 7 }).concat(["\uD800", "\uDFFF", "😀"])
    const back = await withDatabase((database) => {
      for (const text of texts) database.run("INSERT INTO t (s) VALUES (?)", [encodeText(text)])
      return sqlRows(database, "SELECT s FROM t ORDER BY rowid").map((row) => decodeText(row.s))
    })
    expect(back).toEqual(texts)
  })

  it("makes SQLite order strings as JavaScript does (code-unit order), where a TEXT column would not", async () => {
    const texts = fc.sample(anyString, { numRuns: 200, seed: 11 }).concat(["😀", "\uFFFD", "\uE000", "\uD800"])
    const jsOrder = [...new Set(texts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const { asBlobs, asText } = await withDatabase((database) => {
      database.run("CREATE TABLE u (s TEXT)")
      for (const text of new Set(texts)) {
        database.run("INSERT INTO t (s) VALUES (?)", [encodeText(text)])
        database.run("INSERT INTO u (s) VALUES (?)", [text])
      }
      return {
        asBlobs: sqlRows(database, "SELECT s FROM t ORDER BY s").map((row) => decodeText(row.s)),
        asText: sqlRows(database, "SELECT s FROM u ORDER BY s").map((row) => String(row.s))
      }
    })
    expect(asBlobs).toEqual(jsOrder)
    expect(asText).not.toEqual(jsOrder)
  })

  it("refuses a value that is not a text BLOB", () => {
    expect(() => decodeText("plain")).toThrow(/text BLOB/)
    expect(() => decodeText(new Uint8Array([1]))).toThrow(/text BLOB/)
  })
})
