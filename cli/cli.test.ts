import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { expectOneLineError, repoRoot, runMain } from "./internal/testCli.ts"

const root = repoRoot

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-cli-"))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

describe("qsem: bad input gets one clear line and exit code 2", () => {
  it("an unknown command", async () => {
    expectOneLineError(await runMain(["chek"]), /unknown command "chek"/)
  })
  it("an unknown flag", async () => {
    expectOneLineError(await runMain(["check", "--runz", "3"]), /unknown flag --runz/)
  })
  it("a flag that wants a number", async () => {
    expectOneLineError(await runMain(["check", "--runs", "many"]), /--runs takes a whole number, not "many"/)
  })
  it("a flag without its value", async () => {
    expectOneLineError(await runMain(["check", "--seed"]), /--seed needs a value/)
  })
  it("an unknown target", async () => {
    expectOneLineError(await runMain(["check", "--target", "kafka"]), /unknown target "kafka"/)
  })
  it("an unknown mutant", async () => {
    expectOneLineError(await runMain(["check", "--target", "mutant:nope"]), /unknown mutant "mutant:nope"/)
  })
  it("a module that exports no target", async () => {
    const file = write("empty.ts", "export const nothing = 1\n")
    expectOneLineError(await runMain(["check", "--target", file]), /exports no Target/)
  })
  it("a missing trace file", async () => {
    expectOneLineError(await runMain(["replay", path.join(dir, "absent.json")]), /cannot read trace ".*absent\.json": no such file/)
  })
  it("a trace file that is not JSON", async () => {
    const file = write("broken.json", "{ \"format\": \"qsem-trace\", ")
    expectOneLineError(await runMain(["replay", file]), /broken\.json" is not valid JSON/)
  })
  it("a JSON file that is not a trace", async () => {
    const file = write("other.json", JSON.stringify({ hello: "world" }))
    expectOneLineError(await runMain(["replay", file]), /other\.json" is not a qsem trace/)
  })
  it("a trace of another format version", async () => {
    const file = write("v9.json", JSON.stringify({ format: "qsem-trace", version: 9 }))
    expectOneLineError(await runMain(["replay", file]), /version 9; this qsem reads versions 1 and 2/)
  })
  it("a trace of the wrong shape", async () => {
    const file = write("shape.json", JSON.stringify({ format: "qsem-trace", version: 1, target: "builtin", commands: [{ _tag: "ConsumerDance" }] }))
    const result = await runMain(["replay", file])
    expectOneLineError(result, /shape\.json" is not a valid qsem trace: Missing key at \["seed"\]$/)
    expect(result.stderr).not.toContain("Cause(")
  })
  it("replay without a file", async () => {
    expectOneLineError(await runMain(["replay"]), /takes exactly one trace file/)
  })
  it("a config file with an unknown topic in a group", async () => {
    const file = write("config.json", JSON.stringify({
      topics: [{ name: "a", partitions: 1 }],
      groups: [{ name: "g", mode: "at-least-once", assignor: "range", topics: ["b"] }],
      sessionTimeoutMs: 1000,
      bounds: { producersMax: 1, membersPerGroupMax: 1, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 10, commandsMax: 5 }
    }))
    expectOneLineError(await runMain(["check", "--config", file]), /subscribes to unknown topic "b"/)
  })
  it("no command at all: the usage, on stderr", async () => {
    const result = await runMain([])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^usage: qsem <command>/)
  })
  it("--commands-max beyond what a run can hold", async () => {
    expectOneLineError(await runMain(["check", "--commands-max", "9007199254740991"]), /--commands-max takes a number from 1 to 100,000/)
  })
  it("--runs 0", async () => {
    expectOneLineError(await runMain(["check", "--runs", "0"]), /--runs takes a number from 1 to/)
  })
  it("--traces naming a file, refused before any run", async () => {
    const file = write("not-a-dir", "")
    const result = await runMain(["check", "--traces", file])
    expectOneLineError(result, /--traces ".*not-a-dir" is not a directory/)
    expect(result.stdout).toBe("")
  })
  it("a config without consumer groups: nothing to check", async () => {
    const file = write("lonely.json", JSON.stringify({
      topics: [{ name: "a", partitions: 1 }],
      groups: [],
      sessionTimeoutMs: 1000,
      bounds: { producersMax: 1, membersPerGroupMax: 1, keysMax: 1, recordsPerPollMax: 1, clockAdvanceMsMax: 10, commandsMax: 5 }
    }))
    expectOneLineError(await runMain(["check", "--config", file]), /nothing to check: the config has no consumer group/)
  })
  it("a config of the wrong shape names the field", async () => {
    const file = write("shape-config.json", JSON.stringify({ topics: [{ name: "a", partitions: 0 }], groups: [], sessionTimeoutMs: 1, bounds: {} }))
    expectOneLineError(await runMain(["check", "--config", file]), /not a valid qsem config: Expected a value greater than or equal to 1 at \["topics"\]\[0\]\["partitions"\]/)
  })
  it("a target module that does not compile", async () => {
    const file = write("broken-target.ts", "export const target = {")
    expectOneLineError(await runMain(["check", "--target", file]), /cannot load target module ".*broken-target\.ts": Transform failed with 1 error: .*ERROR/)
  })
  it("docs --out naming a directory", async () => {
    expectOneLineError(await runMain(["docs", "--out", dir]), /--out .* is a directory, not a file/)
  })
  it("the real process prints no stack trace for a bad flag", () => {
    let status = 0
    let stderr = ""
    try {
      execFileSync(process.execPath, ["--import", "tsx", path.join(root, "cli/main.ts"), "check", "--bogus"], { cwd: root, stdio: "pipe" })
    } catch (error) {
      const failed = error as { status: number; stderr: Buffer }
      status = failed.status
      stderr = failed.stderr.toString()
    }
    expect(status).toBe(2)
    expect(stderr).toBe("qsem: unknown flag --bogus for 'qsem check' (it takes --target, --runs, --seed, --commands-max, --config, --traces, --guarantees, --guarantees-only, --stats, --soak, --answer-timeout, --workers, --broker-address)\n")
  })
})

describe("qsem check", () => {
  it("passes on the built-in broker and prints the summary table", async () => {
    const result = await runMain(["check", "--runs", "60", "--seed", "11", "--traces", dir])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("qsem check: target builtin, seed 11, 60 runs")
    expect(result.stdout).toMatch(/NoLossUnderAtLeastOnce\s+at-least-once\s+held\s+witnessed in \d+\/60 runs/)
    expect(result.stdout).toContain("conformance: 0 of 60 runs diverged from the model")
    expect(result.code).toBe(0)
    expect(fs.readdirSync(dir)).toEqual([])
  })
  it("fails on a mutant with exit 1 and saves a trace that replays as still failing", async () => {
    const result = await runMain(["check", "--target", "mutant:reorder-partition", "--runs", "200", "--seed", "3", "--traces", dir])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/FAILED: PartitionOrderPreserved violated at step \d+/)
    // The report agrees with itself: explored runs apart from the counterexample, every verdict listed, the drain folded.
    expect(result.stdout).toMatch(/explored (\d+) runs?: the first failure came at run \1, after \d+ that passed/)
    expect(result.stdout).toMatch(/PartitionOrderPreserved\s+every mode\s+VIOLATED in 1 of \d+ runs\s+.*\s+VIOLATED at step \d+/)
    // Its drain covers billing only: the drained-history guarantees are not judged on it, and the table says so.
    expect(result.stdout).toMatch(/AtMostOnceCanLose\s+at-most-once\s+held\s+.*not judged: metrics not drained/)
    expect(result.stdout).toMatch(/the counterexample's verdicts, by step:\n {2}step \d+: /)
    expect(result.stdout).toMatch(/counterexample: \d+ commands? before the drain \(.*no single command can be dropped\), then /)
    expect(result.stdout).toMatch(/-- drain \(\d+ commands, steps \d+ to \d+, after \d+ commands?\) --/)
    const files = fs.readdirSync(dir)
    expect(files).toEqual(["PartitionOrderPreserved-3.json"])
    const saved = fs.readFileSync(path.join(dir, files[0]), "utf8")
    const replay = await runMain(["replay", path.join(dir, files[0])])
    expect(replay.code).toBe(1)
    expect(replay.stdout).toContain("STILL FAILS: violates PartitionOrderPreserved")
    // Determinism: the same seed writes the same bytes.
    fs.rmSync(path.join(dir, files[0]))
    await runMain(["check", "--target", "mutant:reorder-partition", "--runs", "200", "--seed", "3", "--traces", dir])
    expect(fs.readFileSync(path.join(dir, files[0]), "utf8")).toBe(saved)
  })
  it("names a cross-group bug after the claim it breaks, in the headline, the table, the file name and the replay", async () => {
    // mutant:shared-offsets: billing's commit moves metrics' read past a record; the drained-history loss
    // (AtMostOnceCanLose) shows at the same poll, but the poll itself breaks GroupsAreIndependent.
    const result = await runMain(["check", "--target", "mutant:shared-offsets", "--runs", "200", "--seed", "11", "--traces", dir])
    expect(result.code).toBe(1)
    // Shrinking shows from its first attempt (with the counterexample's current length).
    expect(result.stdout).toMatch(/shrinking: attempt 1, counterexample of \d+ commands? \(\+ drain\)/)
    const headline = /FAILED: GroupsAreIndependent violated at step (\d+): member drainer of metrics was delivered nothing from orders\/0/.exec(result.stdout)
    expect(headline, result.stdout).not.toBeNull()
    const step = headline?.[1]
    expect(result.stdout).toMatch(new RegExp(`GroupsAreIndependent\\s+every mode\\s+VIOLATED in 1 of \\d+ runs\\s+.*\\s+VIOLATED at step ${step}\n`))
    expect(fs.readdirSync(dir)).toEqual(["GroupsAreIndependent-11.json"])
    const file = path.join(dir, "GroupsAreIndependent-11.json")
    const replay = await runMain(["replay", file])
    expect(replay.code).toBe(1)
    expect(replay.stdout).toContain(`STILL FAILS: violates GroupsAreIndependent (first, at step ${step}), AtMostOnceCanLose;`)
    const fixed = await runMain(["replay", file, "--target", "builtin"])
    expect(fixed.code, fixed.stdout).toBe(0)
  })
  it("checks a user's own target module", async () => {
    const file = write("my-target.ts", `import { makeBrokerTarget } from ${JSON.stringify(path.join(root, "impl/index.ts"))}\nexport const target = makeBrokerTarget("my-queue")\n`)
    const result = await runMain(["check", "--target", file, "--runs", "200", "--seed", "5", "--traces", dir])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("qsem check: target my-queue, seed 5, 200 runs")
    expect(result.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(result.code).toBe(0)
  })
})

describe("qsem check --guarantees-only", () => {
  it("does not fail a target for diverging, only for breaking a guarantee", async () => {
    // The real broker, except that its clock reads one second late: every ClockAdvance diverges, no guarantee breaks.
    const file = write("late-clock.ts", [
      `import * as Effect from ${JSON.stringify(path.join(root, "node_modules/effect/dist/Effect.js"))}`,
      `import { builtinTarget } from ${JSON.stringify(path.join(root, "impl/index.ts"))}`,
      "export const target = {",
      "  name: \"late-clock\",",
      "  open: (config) => Effect.map(builtinTarget.open(config), (session) => ({",
      "    execute: (command) => Effect.map(session.execute(command), (answer) =>",
      "      answer._tag === \"ClockAdvanced\" ? { ...answer, nowMs: answer.nowMs + 1000 } : answer)",
      "  }))",
      "}",
      ""
    ].join("\n"))
    const strict = await runMain(["check", "--target", file, "--runs", "200", "--seed", "9", "--traces", dir])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/FAILED: the target diverged from the model at step \d+: ClockAdvanced: now \d+ms instead of \d+ms/)
    const lenient = await runMain(["check", "--target", file, "--runs", "200", "--seed", "9", "--traces", dir, "--guarantees-only"])
    expect(lenient.stdout).toContain("guarantees only")
    expect(lenient.stdout).toMatch(/conformance: \d+ of 200 runs diverged from the model \(not a failure with --guarantees-only\)/)
    expect(lenient.stdout).toContain("all 9 applicable guarantees held and were witnessed")
    expect(lenient.code).toBe(0)
  })
})

describe("qsem replay", () => {
  it("replays a mutant's trace against the real broker: it passes there, so the bug is the mutant's", async () => {
    const result = await runMain(["replay", path.join(root, "traces/mutants/reorder-partition.json"), "--target", "builtin"])
    expect(result.stdout).toContain("on target builtin (saved from mutant:reorder-partition, seed 1337)")
    expect(result.stdout).toMatch(/re-decoded its choices against this target: departs from the recorded commands at step \d+/)
    expect(result.stdout).toContain("PASSES: no judged guarantee violated and no divergence from the model")
    expect(result.code).toBe(0)
  })

  it("--verbatim replays the recorded commands; a group they leave undrained is not judged, never blamed on the broker", async () => {
    const result = await runMain(["replay", path.join(root, "traces/mutants/skip-record.json"), "--target", "builtin", "--verbatim"])
    expect(result.stdout).toContain("replayed the recorded commands verbatim (--verbatim)")
    expect(result.stdout).toMatch(/NOT JUDGED: NoLossUnderAtLeastOnce: billing is not shown drained: member drainer of billing still holds \S+, which billing never processed/)
    expect(result.stdout).toContain("PASSES: no judged guarantee violated and no divergence from the model")
    expect(result.code).toBe(0)
  })

  it("shows a hand-edited trace's target and verdict message escaped, on their own lines", async () => {
    const saved = JSON.parse(fs.readFileSync(path.join(root, "traces/mutants/reorder-partition.json"), "utf8"))
    saved.target = "mutant:evil\nFORGED LINE\u001b[2J"
    saved.verdict.message = "out of order\nPASSES: forged\u202e"
    const file = write("hand-edited.json", JSON.stringify(saved))
    const result = await runMain(["replay", file, "--target", "builtin"])
    expect(result.stdout).toContain("(saved from mutant:evil\\nFORGED LINE\\u001b[2J, seed 1337)")
    expect(result.stdout).toContain("out of order\\nPASSES: forged\\u202e")
    expect(result.stdout.split("\n").filter((line) => line.startsWith("FORGED") || line.startsWith("PASSES: forged"))).toEqual([])
    expect(result.stdout).not.toMatch(/[\u001b\u202e]/)
    expect(result.code).toBe(0)
  })

  it("--drain drains after a verbatim replay, and is refused for a re-decoded one", async () => {
    const saved = JSON.parse(fs.readFileSync(path.join(root, "traces/mutants/skip-record.json"), "utf8"))
    delete saved.choices
    const file = write("hand-written.json", JSON.stringify(saved))
    const drained = await runMain(["replay", file, "--target", "builtin", "--drain"])
    expect(drained.stdout).toContain("replayed the recorded commands verbatim, then the standard drain (the trace has no choices)")
    expect(drained.stdout).not.toContain("NOT JUDGED")
    expect(drained.code).toBe(0)
    expectOneLineError(
      await runMain(["replay", path.join(root, "traces/mutants/skip-record.json"), "--drain"]),
      /--drain applies to a verbatim replay .*: add --verbatim/
    )
  })
})
