import { describe, expect, it } from "vitest"
import { builtinSqlTarget } from "../impl/builtinSql.ts"
import { builtinTarget } from "../impl/index.ts"
import { runMain } from "./internal/testCli.ts"
import { isBuiltinTargetName, resolveTarget, targetNames } from "./targets.ts"

describe("--target builtin-sql", () => {
  it("resolves to the built-in broker with SQL effect stores and services' databases", async () => {
    expect(await resolveTarget("builtin-sql")).toBe(builtinSqlTarget)
    expect(await resolveTarget("builtin")).toBe(builtinTarget)
  })

  it("is built into qsem: a trace file may name it", () => {
    expect(targetNames().slice(0, 3)).toEqual(["builtin", "builtin-sql", "model"])
    expect(isBuiltinTargetName("builtin-sql")).toBe(true)
    expect(isBuiltinTargetName("builtin-sql ")).toBe(false)
  })

  it("is listed when a target is unknown", async () => {
    await expect(resolveTarget("builtin-sqlite")).rejects.toThrow(/^unknown target "builtin-sqlite": not builtin, builtin-sql, model, /)
  })

  it("runs qsem check, in lockstep with the model and violating nothing", async () => {
    const result = await runMain(["check", "--target", "builtin-sql", "--runs", "2", "--seed", "4"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("qsem check: target builtin-sql, seed 4, 2 runs of up to 60 commands (+ drain)")
    expect(result.stdout).toContain("conformance: 0 of 2 runs diverged from the model")
    expect(result.stdout).not.toContain("VIOLATED")
    expect(result.stdout).not.toContain("saved ")
  })
})
