import { describe, expect, it } from "vitest"
import * as AppendLog from "./appendLog.ts"

describe("AppendLog", () => {
  it("appends in order and slices within the snapshot", () => {
    let log = AppendLog.empty<string>()
    for (const entry of ["a", "b", "c"]) log = AppendLog.append(log, entry)
    expect(log.length).toBe(3)
    expect(AppendLog.slice(log, 0, 2)).toStrictEqual(["a", "b"])
    expect(AppendLog.slice(log, 1, 10)).toStrictEqual(["b", "c"])
    expect(AppendLog.slice(log, 3, 10)).toStrictEqual([])
    expect(AppendLog.slice(log, 0, 0)).toStrictEqual([])
  })

  it("never changes an older snapshot, even when appended to again", () => {
    const one = AppendLog.append(AppendLog.empty<string>(), "a")
    const two = AppendLog.append(one, "b")
    const fork = AppendLog.append(one, "x")
    expect(AppendLog.slice(one, 0, 10)).toStrictEqual(["a"])
    expect(AppendLog.slice(two, 0, 10)).toStrictEqual(["a", "b"])
    expect(AppendLog.slice(fork, 0, 10)).toStrictEqual(["a", "x"])
  })
})
