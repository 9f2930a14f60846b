import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { CheckReport, GuaranteeTally } from "../properties/check/checkTarget.ts"
import { catalogue, configDefault, guaranteeById, type Config } from "../spec/index.ts"
import { formatSummary } from "./commands/check.ts"
import { readConfigFile } from "./configFile.ts"
import { expectOneLineError, runMain } from "./internal/testCli.ts"
import { parseSeed, seedFromClock, seedMax, seedMin } from "./seed.ts"

const root = path.resolve(import.meta.dirname, "..")
const example = (name: string) => path.join(root, "examples/configs", name)

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-ergonomics-"))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, value: unknown) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, JSON.stringify(value))
  return file
}


const singlePartition = {
  topics: [{ name: "events", partitions: 1 }],
  groups: [{ name: "reader", mode: "at-least-once", assignor: "range", topics: ["events"] }],
  sessionTimeoutMs: 30000,
  bounds: { producersMax: 1, membersPerGroupMax: 1 }
}

describe("example configs: qsem check passes on each", () => {
  const extra: Record<string, (stdout: string) => void> = {
    // The domain text's strict-ordering setup accepts what one partition and one member cannot witness, and says so.
    "single-partition.json": (stdout) => {
      expect(stdout).toMatch(/AssignmentIsExclusive\s+\S.*\s+held\s+not witnessed \(accepted by the config\)/)
      expect(stdout).toMatch(/GroupsAreIndependent\s+\S.*\s+n\/a\s+needs two groups sharing a topic; the config has one group/)
      expect(stdout).toContain("AssignmentIsExclusive, StaleCommitsAreFenced were not, which the config accepts (witnessesOptional)")
    },
    "many-partitions.json": (stdout) => expect(stdout).toContain("all 9 applicable guarantees held and were witnessed"),
    "fanout.json": (stdout) => expect(stdout).toContain("all 9 applicable guarantees held and were witnessed"),
    "exactly-once.json": (stdout) => expect(stdout).toContain("all 16 applicable guarantees held and were witnessed"),
    // Per-user ordering: both groups process in delivery order, so both key-order claims apply and are witnessed.
    "per-user-ordering.json": (stdout) => {
      expect(stdout).toMatch(/KeyOrderProcessed\s+at-most-once, at-least-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toMatch(/KeyOrderRegressesOnlyOnRedelivery\s+at-most-once, at-least-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toContain("all 11 applicable guarantees held and were witnessed")
    },
    // The double charge: the naive consumer charges twice (at-least-once duplicates), an idempotency key skips the redelivery,
    // a short window reapplies after it, and the two write orders lose or duplicate on a crash between them.
    "double-charge.json": (stdout) => {
      for (const id of ["AtLeastOnceCanDuplicate", "IdempotencyKeySkipsDuplicatesWithinTheWindow", "DedupWindowExpiryReapplies", "DedupKeyFirstCanLoseEffects", "DedupEffectFirstCanDuplicate"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+\\S.*\\s+held\\s+witnessed in \\d+/40 runs`))
      }
      expect(stdout).toContain("all 12 applicable guarantees held and were witnessed")
    },
    "conditional-update.json": (stdout) => {
      expect(stdout).toMatch(/ConditionalUpdatesApplyOnceInOrder\s+at-least-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toContain("all 10 applicable guarantees held and were witnessed")
    },
    "outbox.json": (stdout) => {
      for (const id of ["OutboxNeverLosesACommittedEvent", "OutboxNeverPublishesAnUncommittedEvent", "DualWriteCanLoseOrInventEvents"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+every mode\\s+held\\s+witnessed in \\d+/40 runs`))
      }
      expect(stdout).toContain("all 10 applicable guarantees held and were witnessed")
    },
    // Exactly-once with an external effect: the effect runs twice while one result commits.
    "external-effects.json": (stdout) => {
      expect(stdout).toMatch(/ExactlyOnceStopsAtExternalEffects\s+exactly-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toMatch(/ExactlyOnceWithinTheBroker\s+exactly-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toContain("all 13 applicable guarantees held and were witnessed")
    },
    // Queue vs stream: every queue guarantee witnessed beside the stream's, and the queue traffic line.
    "queue-and-stream.json": (stdout) => {
      for (const id of ["QueueNoLossUnderAtLeastOnce", "VisibilityTimeoutRedelivers", "PoisonMessagesEndInTheDeadLetterQueue", "FifoGroupOrderPreserved", "DeduplicationWindowSuppresses", "RedriveReturnsDeadLetters", "StaleReceiptsDoNotDelete"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+\\S.*\\s+held\\s+witnessed in \\d+/150 runs`))
      }
      expect(stdout).toMatch(/queue traffic over 150 runs \(drain included\): [\d,]+ messages enqueued/)
      expect(stdout).toContain("all 13 applicable guarantees held and were witnessed")
    },
    // Triage: consumers look into the dead-letter queues and let go; redrives return what they looked at.
    "dead-letter-triage.json": (stdout) => {
      for (const id of ["PoisonMessagesEndInTheDeadLetterQueue", "RedriveReturnsDeadLetters", "QueueNoLossUnderAtLeastOnce"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+\\S.*\\s+held\\s+witnessed in \\d+/40 runs`))
      }
      expect(stdout).toMatch(/[1-9][\d,]* moved to a dead-letter queue, [1-9][\d,]* received from an inspected one to be looked at, [1-9][\d,]* redriven/)
      expect(stdout).toContain("all 7 applicable guarantees held and were witnessed")
    },
    // Backpressure on queues: a bound that blocks or rejects loses nothing silently; one that drops does, and the check counts it.
    "bounded-queues.json": (stdout) => {
      for (const id of ["OverflowIsKnownToTheProducer", "DropOverflowLosesSilently"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+\\S.*\\s+held\\s+witnessed in \\d+/150 runs`))
      }
      expect(stdout).toMatch(/full bounded queues blocked [\d,]+ sends, rejected [\d,]+ and silently dropped [1-9][\d,]* messages/)
      expect(stdout).toMatch(/lag \(each run's worst moment before the drain, over the runs\): queue absorbing depth \(visible and in flight\) median \d+/)
      expect(stdout).not.toContain("partition load")
      expect(stdout).toContain("all 7 applicable guarantees held and were witnessed")
    },
    // Failures: poison records, retries with backoff, dead-letter topics, breakers, the naive consumer's block, redrives; the retries line.
    "poison-and-retries.json": (stdout) => {
      for (const id of ["PoisonMessagesDoNotBlockThePartition", "PoisonBlocksWithoutAPolicy", "DeadLettersAreNeverLost", "BackoffSpacesRetries", "CircuitBreakerStopsRetryStorms", "RedrivenDeadLettersAreProcessed"]) {
        expect(stdout).toMatch(new RegExp(`${id}\\s+\\S.*\\s+held( \\(not judged in \\d+ of 40\\))?\\s+witnessed in \\d+/40 runs`))
      }
      expect(stdout).toMatch(/retries over 40 runs \(drain included\): billing [\d,]+ failed attempts \([\d,]+ poison, [\d,]+ downstream\)/)
      expect(stdout).toContain("all 15 applicable guarantees held; 14 were witnessed, and AssignmentIsExclusive was not, which the config accepts (witnessesOptional)")
    },
    // Retention: resets by auto.offset.reset, each reported; the retention line.
    "retention.json": (stdout) => {
      expect(stdout).toMatch(/RetentionLossesAreDocumented\s+at-least-once\s+held\s+witnessed in \d+\/40 runs/)
      expect(stdout).toMatch(/retention over 40 runs \(drain included\): replayer \d+ resets, \d+ refused polls?, \d+ records? skipped; .*strict \d+ resets?, [1-9]\d* refused polls?/)
      expect(stdout).toContain("all 10 applicable guarantees held and were witnessed")
    }
  }
  // The queue configs' rarer witnesses (a FIFO group blocked, a redrive, a dedup id past its window, a full queue) need more runs.
  const runsOf = (name: string): string => (name === "queue-and-stream.json" || name === "bounded-queues.json" ? "150" : "40")
  for (const [name, expectMore] of Object.entries(extra)) {
    it(name, async () => {
      const result = await runMain(["check", "--config", example(name), "--runs", runsOf(name), "--seed", "1", "--traces", dir])
      expect(result.stderr).toBe("")
      expectMore(result.stdout)
      expect(result.code).toBe(0)
    })
  }
  it("every example config is tested", () => {
    expect(fs.readdirSync(path.join(root, "examples/configs")).filter((f) => f.endsWith(".json")).sort()).toEqual(Object.keys(extra).sort())
  })
})

describe("witnessesOptional", () => {
  it("without it, a guarantee the config cannot witness fails the check", async () => {
    const file = write("single.json", singlePartition)
    const result = await runMain(["check", "--config", file, "--guarantees", "AssignmentIsExclusive", "--runs", "5", "--seed", "1", "--traces", dir])
    expect(result.stdout).toMatch(/AssignmentIsExclusive\s+\S.*\s+held\s+NOT WITNESSED/)
    expect(result.code).toBe(1)
  })
  it("with it, the same check passes", async () => {
    const file = write("single.json", { ...singlePartition, witnessesOptional: ["AssignmentIsExclusive"] })
    const result = await runMain(["check", "--config", file, "--guarantees", "AssignmentIsExclusive", "--runs", "5", "--seed", "1", "--traces", dir])
    expect(result.stdout).toContain("the 1 applicable guarantee held; AssignmentIsExclusive was not witnessed, which the config accepts")
    expect(result.code).toBe(0)
  })
  it("does not hide a violation: the row still says VIOLATED", () => {
    const tally = (id: GuaranteeTally["guarantee"]["id"], violatedRuns: number): GuaranteeTally =>
      ({ guarantee: guaranteeById(id), applicable: true, notApplicableReason: undefined, violatedRuns, witnessedRuns: 0, notJudgedRuns: 0, notJudgedReason: undefined })
    const report = {
      runsDone: 3,
      tallies: [tally("AssignmentIsExclusive", 2), tally("StaleCommitsAreFenced", 0)]
    } as unknown as CheckReport
    const config: Config = { ...configDefault, witnessesOptional: ["AssignmentIsExclusive", "StaleCommitsAreFenced"] }
    const lines = formatSummary(report, config).split("\n")
    expect(lines[1]).toMatch(/AssignmentIsExclusive\s+.*VIOLATED in 2 of 3 runs\s+not witnessed \(accepted by the config\)/)
    expect(lines[2]).toMatch(/StaleCommitsAreFenced\s+.*held\s+not witnessed \(accepted by the config\)/)
    expect(formatSummary(report, configDefault).split("\n")[2]).toMatch(/held\s+NOT WITNESSED/)
  })
  it("an unknown guarantee id in it is a bad config", async () => {
    const file = write("bad.json", { ...singlePartition, witnessesOptional: ["OrderIsStrict"] })
    expectOneLineError(await runMain(["check", "--config", file]), /not a valid qsem config: .*at \["witnessesOptional"\]\[0\]/)
  })
})

describe("config files: bounds may be left out", () => {
  it("without bounds, the default bounds fill in", () => {
    const { bounds, ...rest } = singlePartition
    expect(readConfigFile(write("no-bounds.json", rest)).bounds).toEqual(configDefault.bounds)
  })
  it("with some bounds, the others are the defaults", () => {
    expect(readConfigFile(write("some-bounds.json", singlePartition)).bounds).toEqual({
      ...configDefault.bounds,
      producersMax: 1,
      membersPerGroupMax: 1
    })
  })
  it("a misspelled field is refused, not silently replaced by its default", async () => {
    const typos: ReadonlyArray<readonly [Record<string, unknown>, RegExp]> = [
      [{ ...singlePartition, bounds: { commandMax: 5 } }, /excess property at \["bounds"\]\["commandMax"\]/],
      [{ ...singlePartition, bound: { commandsMax: 5 } }, /excess property at \["bound"\]/],
      [{ ...singlePartition, witnessOptional: ["AssignmentIsExclusive"] }, /excess property at \["witnessOptional"\]/]
    ]
    for (const [config, pattern] of typos) {
      expectOneLineError(await runMain(["check", "--config", write("typo.json", config)]), pattern)
    }
  })
  it("a given bound is still checked", async () => {
    const file = write("zero.json", { ...singlePartition, bounds: { keysMax: 0 } })
    expectOneLineError(await runMain(["check", "--config", file]), /Expected a value greater than or equal to 1 at \["bounds"\]\["keysMax"\]/)
  })
})

describe("--guarantees", () => {
  it("checks only the guarantees it names, in catalogue order", async () => {
    const result = await runMain(["check", "--guarantees", "PartitionOrderPreserved, NoLossUnderAtLeastOnce", "--runs", "20", "--seed", "2", "--traces", dir])
    const rows = result.stdout.split("\n").filter((line) => catalogue.some((g) => line.startsWith(`${g.id} `)))
    expect(rows.map((row) => row.split(" ")[0])).toEqual(["NoLossUnderAtLeastOnce", "PartitionOrderPreserved"])
    expect(result.stdout).toContain("all 2 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
  it("an unknown id gets one line listing the known ones", async () => {
    expectOneLineError(
      await runMain(["check", "--guarantees", "NoLossUnderAtLeastOnce,ExactlyOnce"]),
      /unknown guarantee "ExactlyOnce" for --guarantees \(known: NoLossUnderAtLeastOnce, NoDuplicateUnderAtMostOnce, .*ExactlyOnceWithinTheBroker, .*KeyOrderRegressesOnlyOnRedelivery.*\)/
    )
  })
  it("an empty id is refused", async () => {
    expectOneLineError(await runMain(["check", "--guarantees", "NoLossUnderAtLeastOnce,"]), /--guarantees takes guarantee ids separated by commas/)
  })
  it("only guarantees that do not apply: nothing to check, and why", async () => {
    const file = write("single.json", singlePartition)
    expectOneLineError(
      await runMain(["check", "--config", file, "--guarantees", "GroupsAreIndependent"]),
      /nothing to check: GroupsAreIndependent needs two groups sharing a topic; the config has one group/
    )
  })
  it("a config whose only group reads no topic: nothing to check, not a pass that judged nothing", async () => {
    const idle = { ...singlePartition, groups: [{ ...singlePartition.groups[0], topics: [] }] }
    expectOneLineError(
      await runMain(["check", "--config", write("idle.json", idle), "--runs", "2"]),
      /nothing to check: NoLossUnderAtLeastOnce needs an at-least-once group that reads a topic; "reader" reads none; /
    )
  })
})

describe("--seed", () => {
  it("takes fast-check's 32-bit signed range", () => {
    expect(parseSeed("0")).toBe(0)
    expect(parseSeed("-2147483648")).toBe(seedMin)
    expect(parseSeed("2147483647")).toBe(seedMax)
    expect(parseSeed("-7")).toBe(-7)
  })
  for (const bad of ["2147483648", "-2147483649", "4294967296", "1.5", "1e3", "abc", "-"]) {
    it(`refuses ${bad}`, async () => {
      expectOneLineError(await runMain(["check", "--seed", bad]), /flag --seed takes an integer from -2147483648 to 2147483647/)
    })
  }
  it("a negative seed runs", async () => {
    const result = await runMain(["check", "--guarantees", "PartitionOrderPreserved", "--seed", "-5", "--runs", "5", "--traces", dir])
    expect(result.stdout).toContain("seed -5, 5 runs")
    expect(result.code).toBe(0)
  })
  it("the same seed prints the same bytes on stdout (progress and shrinking lines included; no rates off a terminal)", async () => {
    for (const argv of [
      ["check", "--seed", "42", "--runs", "50", "--traces", dir],
      ["check", "--target", "mutant:reorder-partition", "--seed", "1", "--runs", "20", "--traces", dir]
    ]) {
      const first = await runMain(argv)
      fs.rmSync(dir, { recursive: true, force: true })
      const second = await runMain(argv)
      expect(second.code).toBe(first.code)
      expect(second.stdout).toBe(first.stdout)
      expect(first.stdout).toMatch(first.code === 0 ? /^ {2}runs 50\/50 · [\d,]+ commands$/m : /^ {2}shrinking: attempt 1, /m)
      expect(first.stdout).not.toContain("/s")
    }
  })
  it("a default seed from the clock is always in range", () => {
    for (const now of [0, 1_764_556_800_000, 2 ** 31, 2 ** 31 - 1, 8.64e15, -1]) {
      const seed = seedFromClock(now)
      expect(Number.isInteger(seed), String(now)).toBe(true)
      expect(seed >= seedMin && seed <= seedMax, String(now)).toBe(true)
    }
    expect(seedFromClock(2 ** 31 + 5)).toBe(5)
  })
})

describe("qsem replay --guarantees", () => {
  const trace = path.join(root, "traces/mutants/reorder-partition.json")

  it("judges only the guarantees it names", async () => {
    const others = await runMain(["replay", trace, "--guarantees", "NoLossUnderAtLeastOnce", "--guarantees-only"])
    expect(others.stdout).toContain("judging only: NoLossUnderAtLeastOnce (and conformance to the model)")
    expect(others.stdout).toContain("PASSES: no guarantee violated")
    expect(others.code).toBe(0)
    const broken = await runMain(["replay", trace, "--guarantees", "PartitionOrderPreserved", "--guarantees-only"])
    expect(broken.stdout).toContain("STILL FAILS: violates PartitionOrderPreserved")
    expect(broken.code).toBe(1)
  })

  it("is what a check with --guarantees tells to run on its counterexample", async () => {
    const checked = await runMain(["check", "--target", "mutant:skip-record", "--guarantees", "NoLossUnderAtLeastOnce", "--runs", "50", "--seed", "3", "--traces", dir])
    expect(checked.code).toBe(1)
    const hint = /replay it with: npx qsem replay (\S+) --guarantees NoLossUnderAtLeastOnce$/m.exec(checked.stdout)
    expect(hint).not.toBeNull()
    const replayed = await runMain(["replay", hint?.[1] ?? "", "--guarantees", "NoLossUnderAtLeastOnce"])
    expect(replayed.stdout).toContain("judging only: NoLossUnderAtLeastOnce")
    expect(replayed.stdout).toContain("STILL FAILS: violates NoLossUnderAtLeastOnce")
    expect(replayed.code).toBe(1)
  })

  it("refuses an unknown id, and a list of which none applies to the trace's config, with one line", async () => {
    expectOneLineError(await runMain(["replay", trace, "--guarantees", "Bogus"]), /unknown guarantee "Bogus" for --guarantees/)
    const saved = JSON.parse(fs.readFileSync(trace, "utf8")) as { config: Config }
    const atLeastOnce = { ...saved, config: { ...saved.config, groups: saved.config.groups.filter((g) => g.mode === "at-least-once") } }
    expectOneLineError(
      await runMain(["replay", write("at-least-once.json", atLeastOnce), "--guarantees", "AtMostOnceCanLose"]),
      /nothing to judge in this trace: AtMostOnceCanLose needs an at-most-once group; the config has none/
    )
  })
})
