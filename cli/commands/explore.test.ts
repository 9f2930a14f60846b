import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { expectOneLineError, runMain } from "../internal/testCli.ts"

const singlePartition = "examples/configs/single-partition.json"

describe("qsem explore", () => {
  it("prints the states, transitions and depth, and every applicable guarantee held on every path, exit 0", async () => {
    const result = await runMain(["explore", "--config", singlePartition, "--depth", "3"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("explored 798 distinct states and 1,998 transitions, depth 3 reached (every state within 3 commands)")
    expect(result.stdout).toContain("judged every explored state's path, with the standard drain appended")
    expect(result.stdout).toMatch(/NoLossUnderAtLeastOnce +at-least-once +held on 798 paths +not reached within 3 commands/)
    expect(result.stdout).toMatch(/AtLeastOnceCanDuplicate +at-least-once +held on 798 paths +reached: shortest 3 commands \(5 paths\)/)
    expect(result.stdout).toContain("not applicable to this config (qsem check says why): NoDuplicateUnderAtMostOnce, ")
  })

  it("says when it stopped at the states bound, and judges only the first --judge-max paths", async () => {
    const result = await runMain(["explore", "--config", singlePartition, "--depth", "4", "--states-max", "50", "--judge-max", "20"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("explored 50 distinct states")
    expect(result.stdout).toContain("stopped at the states bound, at depth 2: some states within 4 commands are missing")
    expect(result.stdout).toContain("judged the paths of the first 20 states of 50")
  })

  it("--workers N judges the paths on N threads, to the same table as on one", async () => {
    const argv = ["explore", "--config", singlePartition, "--depth", "4"]
    const alone = await runMain([...argv, "--workers", "1"])
    const threads = await runMain([...argv, "--workers", "2"])
    expect([alone.code, threads.code]).toEqual([0, 0])
    expect(alone.stdout).toMatch(/judged every explored state's path, with the standard drain appended\n/)
    expect(threads.stdout).toMatch(/judged every explored state's path, with the standard drain appended, on 2 threads\n/)
    const table = (stdout: string) => stdout.slice(stdout.indexOf("\n\n"))
    expect(table(threads.stdout)).toEqual(table(alone.stdout))
    expect(threads.stdout).toContain("NoLossUnderAtLeastOnce")
  }, 60_000)

  it("without --workers judges fewer than 30,000 paths per thread in this one; QSEM_WORKERS counts as given (a thousand each)", async () => {
    const before = process.env.QSEM_WORKERS
    const judgedLine = (stdout: string) => stdout.split("\n").find((line) => line.startsWith("judged ")) ?? ""
    const argv = ["explore", "--config", singlePartition, "--depth", "4"]
    try {
      delete process.env.QSEM_WORKERS
      expect(judgedLine((await runMain(argv)).stdout)).toMatch(/appended$/)
      process.env.QSEM_WORKERS = "2"
      expect(judgedLine((await runMain(argv)).stdout)).toMatch(/appended, on 2 threads$/)
    } finally {
      if (before === undefined) delete process.env.QSEM_WORKERS
      else process.env.QSEM_WORKERS = before
    }
  }, 60_000)

  it("refuses bad flags with one line and exit 2", async () => {
    for (const argv of [["--depth", "x"], ["--states-max", "0"], ["--bogus"], ["extra"], ["--guarantees", "NoSuchClaim"], ["--target-paths-max", "10"], ["--target", "builtin", "--target-paths-max", "0"], ["--workers", "0"], ["--workers", "two"], ["--workers", "100000"]]) {
      const result = await runMain(["explore", "--config", singlePartition, ...argv])
      expect(result.code).toBe(2)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
      expect(result.stdout).toBe("")
    }
  })

  it("--target runs every explored path in lockstep and saves a shortest failing one, which replays", async () => {
    const traces = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-explore-"))
    const result = await runMain(["explore", "--config", singlePartition, "--depth", "3", "--target", "mutant:commit-before-process", "--traces", traces])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain("conformance of mutant:commit-before-process: 798 explored paths run in lockstep with the model")
    expect(result.stdout).toContain("5 diverged, 0 violated a guarantee")
    expect(result.stdout).toContain("shortest failing path of mutant:commit-before-process: the target diverged from the model at step 7")
    expect(result.stdout).toContain("3 commands before the drain")
    const file = path.join(traces, "Divergence-explore-mutant_commit-before-process.json")
    expect(fs.readdirSync(traces)).toEqual([path.basename(file)])
    const replayed = await runMain(["replay", file])
    expect(replayed.code).toBe(1)
    expect(replayed.stdout).toContain("re-decoded its choices against this target: the same 7 commands as recorded")
    expect(replayed.stdout).toContain("STILL FAILS: diverges from the model at step 7")
  })

  it("--target-paths-max runs an evenly spread sample of the judged paths, deterministically", async () => {
    const traces = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-explore-"))
    const argv = ["explore", "--config", singlePartition, "--depth", "3", "--target", "builtin", "--target-paths-max", "100", "--traces", traces]
    const result = await runMain(argv)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("conformance of builtin: a sample of 100 of 798 judged paths (evenly spread over breadth-first order, --target-paths-max) run in lockstep with the model")
    expect(result.stdout).toContain("0 diverged, 0 violated a guarantee")
    expect(fs.readdirSync(traces)).toEqual([])
    const conformanceLine = (stdout: string) => stdout.split("\n").find((line) => line.startsWith("conformance of"))
    const again = await runMain(argv)
    expect(conformanceLine(again.stdout)).toBe(conformanceLine(result.stdout))
    const sampledMutant = await runMain(["explore", "--config", singlePartition, "--depth", "3", "--target", "mutant:commit-before-process", "--target-paths-max", "200", "--traces", traces])
    expect(sampledMutant.code).toBe(1)
    expect(sampledMutant.stdout).toContain("a sample of 200 of 798 judged paths")
    expect(sampledMutant.stdout).toContain("shortest failing path of mutant:commit-before-process: the target diverged from the model at step 7")
  })

  it("refuses a --traces DIR that cannot hold a trace before it explores, as qsem check does", async () => {
    const traces = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-explore-"))
    const file = path.join(traces, "afile")
    fs.writeFileSync(file, "")
    const argv = ["explore", "--config", singlePartition, "--depth", "3", "--target", "mutant:commit-before-process", "--traces", file]
    expectOneLineError(await runMain(argv), /^qsem: --traces ".*afile" is not a directory$/)
    expectOneLineError(await runMain(["explore", "--depth", "1", "--traces", path.join(file, "under")]), /is under ".*afile", which is not a directory$/)
  })

  it("prints the same bytes on stdout for the same exploration: no times or rates when stdout is not a terminal", async () => {
    const argv = ["explore", "--config", singlePartition, "--depth", "3", "--workers", "2"]
    const [first, second] = [await runMain(argv), await runMain(argv)]
    expect(first.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(first.stdout).not.toMatch(/ s:|states\/s| in [0-9.]+ s/)
  })

  it("writes no trace when nothing is violated", async () => {
    const traces = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-explore-"))
    const result = await runMain(["explore", "--config", singlePartition, "--depth", "2", "--traces", traces])
    expect(result.code).toBe(0)
    expect(fs.readdirSync(traces)).toEqual([])
  })
})

describe("a shortest counterexample of qsem explore", () => {
  it("prints its verdict, its length and its steps with the violation marked", async () => {
    const { readConfigFile } = await import("../configFile.ts")
    const { step } = await import("../../model/index.ts")
    const { explore } = await import("../../properties/explore/explore.ts")
    const { formatCounterexample, formatExploreTable } = await import("./explore.ts")
    const config = readConfigFile(singlePartition)
    const report = explore({
      config,
      depthMax: 1,
      statesMax: 1_000,
      guarantees: ["NoLossUnderAtLeastOnce"],
      // Every send acknowledged and forgotten (so the five sends reach one state).
      step: (state, command) => (command._tag === "ProducerSend" ? { state, response: step(state, command).response } : step(state, command))
    })
    expect(formatExploreTable(report, 1)).toMatch(/NoLossUnderAtLeastOnce +at-least-once +VIOLATED on 1 of 6 paths: shortest 1 command/)
    const lines = formatCounterexample(report.counterexamples[0])
    expect(lines[0]).toMatch(/^shortest counterexample: NoLossUnderAtLeastOnce/)
    expect(lines[1]).toMatch(/^1 command before the drain, then a drain of every group \(\d+ commands\)$/)
    expect(lines[2]).toContain("ProducerSend")
    expect(lines[2]).toContain("NoLossUnderAtLeastOnce violated")
  })
})
