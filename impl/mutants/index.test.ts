import { describe, expect, it } from "vitest"
import { mutants } from "./index.ts"

describe("mutants", () => {
  it("lists the eight mutants by name", () => {
    expect(mutants.map((mutant) => mutant.name)).toStrictEqual([
      "mutant:commit-before-process",
      "mutant:double-assign",
      "mutant:fetch-revoked",
      "mutant:reorder-partition",
      "mutant:accept-stale-commits",
      "mutant:shared-offsets",
      "mutant:redeliver-last-record",
      "mutant:skip-record"
    ])
  })
})
