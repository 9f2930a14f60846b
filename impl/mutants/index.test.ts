import { describe, expect, it } from "vitest"
import { mutants } from "./index.ts"

describe("mutants", () => {
  it("lists the forty-five mutants by name", () => {
    expect(mutants.map((mutant) => mutant.name)).toStrictEqual([
      "mutant:commit-before-process",
      "mutant:double-assign",
      "mutant:fetch-revoked",
      "mutant:reorder-partition",
      "mutant:accept-stale-commits",
      "mutant:shared-offsets",
      "mutant:redeliver-last-record",
      "mutant:skip-record",
      "mutant:dedup-ignores-sequence",
      "mutant:duplicate-on-timeout",
      "mutant:read-committed-leaks-aborted",
      "mutant:ignore-last-stable-offset",
      "mutant:no-epoch-check",
      "mutant:offsets-commit-on-abort",
      "mutant:timeout-never-fires",
      "mutant:offsets-ignore-generation",
      "mutant:markers-take-no-offset",
      "mutant:key-partition-drift",
      "mutant:refetch-from-committed",
      "mutant:ignore-unstable-offsets",
      "mutant:effect-applied-twice",
      "mutant:dedup-window-expires-early",
      "mutant:dedup-window-never-expires",
      "mutant:dedup-by-entity",
      "mutant:cas-ignores-version",
      "mutant:relay-marks-before-send",
      "mutant:outbox-row-outside-transaction",
      "mutant:service-forgets-commit",
      "mutant:receive-deletes",
      "mutant:dead-letter-drops",
      "mutant:visibility-expires-early",
      "mutant:crash-uncounted",
      "mutant:receive-limit-off-by-one",
      "mutant:fifo-group-parallel",
      "mutant:queue-dedup-never-expires",
      "mutant:queue-dedup-ignored",
      "mutant:redrive-keeps-count",
      "mutant:stale-receipt-deletes",
      "mutant:bound-ignored",
      "mutant:refuse-but-store",
      "mutant:bound-counts-in-flight",
      "mutant:reject-drops-oldest",
      "mutant:drop-wrong-end",
      "mutant:retention-early",
      "mutant:reset-unreported"
    ])
  })
})
