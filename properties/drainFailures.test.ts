import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { mutants } from "../impl/index.ts"
import type { Command } from "../spec/command.ts"
import { formatCommand } from "./format/command.ts"
import { formatResponse } from "./format/response.ts"
import { drainStepsMax } from "./drain.ts"
import { drainerName } from "./driver/driver.ts"
import { modelTarget } from "./modelTarget.ts"
import { runCommandsDrained } from "./run.ts"
import type { Run } from "./run.ts"
import { configPoisonAndRetries as config, configRetention } from "./suite/mutantSeeds.ts"

const mutantNamed = (name: string) => {
  const found = mutants.find((mutant) => mutant.name === `mutant:${name}`)
  if (found === undefined) throw new Error(`no mutant ${name}`)
  return found
}

/** The drain's lines (`command -> answer`) whose command names `group` or is a clock move, in order. */
const drainLinesOf = (run: Run, group: string): ReadonlyArray<string> => {
  const lines: Array<string> = []
  for (let i = run.drainStart ?? run.commands.length; i < run.commands.length; i++) {
    const command = run.commands[i]
    if (command._tag === "ClockAdvance" || ("group" in command && command.group === group)) {
      lines.push(`${formatCommand(command)} -> ${formatResponse(run.actual[i])}`)
    }
  }
  return lines
}

const poisonFor = (group: string): ReadonlyArray<Command> => [
  { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "poison-v0" },
  { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "v1" },
  { _tag: "GroupJoin", group, member: "m0" }
]

describe("the final drain of groups with a failure policy (the model)", () => {
  it("first brings every failure group's downstream back, in config order, then redrives dead letters before any group drains", async () => {
    const run = await Effect.runPromise(runCommandsDrained(modelTarget, config, [
      { _tag: "DownstreamDown", group: "audit" },
      { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0" },
      { _tag: "GroupJoin", group: "audit", member: "m0" },
      { _tag: "ConsumerPoll", group: "audit", member: "m0", recordsMax: 3 },
      { _tag: "ConsumerCommit", group: "audit", member: "m0", offsets: [{ topic: "orders", partition: 0, offset: 1 }] },
      { _tag: "ConsumerProcess", group: "audit", member: "m0", topic: "orders", partition: 0, offset: 0 },
      { _tag: "ConsumerProcess", group: "audit", member: "m0", topic: "orders", partition: 0, offset: 0 }
    ]))
    expect(run.divergence).toBeUndefined()
    const drain = run.commands.slice(run.drainStart)
    expect(drain.slice(0, 4)).toEqual(["billing", "storm", "audit", "naive"].map((group) => ({ _tag: "DownstreamUp", group })))
    const redrive = drain.findIndex((command) => command._tag === "DeadLetterRedrive")
    const firstDrainerJoin = drain.findIndex((command) => command._tag === "GroupJoin" && command.member === drainerName)
    expect(drain[redrive]).toEqual({ _tag: "DeadLetterRedrive", group: "audit" })
    expect(redrive).toBeLessThan(firstDrainerJoin)
    // audit's drainer then processes the redriven record (the downstream is back).
    const redriven = run.actual[(run.drainStart ?? 0) + redrive]
    expect(redriven).toMatchObject({ _tag: "DeadLettersRedriven", records: [{ source: { topic: "orders", partition: 0, offset: 1 } }] })
    expect(drainLinesOf(run, "audit")).toContain(`ConsumerProcess audit/${drainerName} orders/0@1 -> Processed orders/0@1`)
  })

  it("waits out the backoff (1, 2, then 4 s, with a heartbeat after each wait) and dead-letters the poison record at the fourth attempt", async () => {
    const run = await Effect.runPromise(runCommandsDrained(modelTarget, config, poisonFor("storm")))
    const lines = drainLinesOf(run, "storm").filter((line) => !line.startsWith("ObserverOffsets"))
    const at = lines.findIndex((line) => line.startsWith(`ConsumerProcess storm/${drainerName} orders/1@0`))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(lines.slice(at, at + 10).map((line) => line.replace(/ now=\d+ms/, "").replace(/ gen=\d+/, ""))).toEqual([
      expect.stringMatching(new RegExp(`^ConsumerProcess storm/${drainerName} orders/1@0 -> ProcessFailed orders/1@0 cause=poison attempt=1 retryAt=\\d+ms$`)),
      "ClockAdvance +1000ms -> ClockAdvanced",
      `ConsumerHeartbeat storm/${drainerName} -> HeartbeatOk [orders/0 orders/1]`,
      expect.stringMatching(new RegExp(`^ConsumerProcess storm/${drainerName} orders/1@0 -> ProcessFailed orders/1@0 cause=poison attempt=2 retryAt=\\d+ms$`)),
      "ClockAdvance +2000ms -> ClockAdvanced",
      `ConsumerHeartbeat storm/${drainerName} -> HeartbeatOk [orders/0 orders/1]`,
      expect.stringMatching(/attempt=3 retryAt=\d+ms$/),
      "ClockAdvance +4000ms -> ClockAdvanced",
      `ConsumerHeartbeat storm/${drainerName} -> HeartbeatOk [orders/0 orders/1]`,
      `ConsumerProcess storm/${drainerName} orders/1@0 -> ProcessDeadLettered orders/1@0 cause=poison attempts=4 -> storm-dlt/0@0`
    ])
    expect(lines).toContain(`ConsumerProcess storm/${drainerName} orders/1@1 -> Processed orders/1@1`)
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ConsumerCommit storm/${drainerName} \\[orders/1@2\\] -> Committed gen=\\d+ \\[orders/1@2\\]$`)))
  })

  it("gives the naive group's poison record up after three attempts and leaves its partition blocked, committed at the poison record", async () => {
    const run = await Effect.runPromise(runCommandsDrained(modelTarget, config, poisonFor("naive")))
    const lines = drainLinesOf(run, "naive")
    expect(lines.filter((line) => line.includes(`naive/${drainerName} orders/1@0`))).toEqual([1, 2, 3].map((attempt) =>
      `ConsumerProcess naive/${drainerName} orders/1@0 -> ProcessFailed orders/1@0 cause=poison attempt=${attempt}`))
    expect(lines.some((line) => line.includes("orders/1@1 -> Processed"))).toBe(false)
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ConsumerCommit naive/${drainerName} \\[orders/1@0\\] -> Committed gen=\\d+ \\[orders/1@0\\]$`)))
  })
})

describe("the final drain against broken failure handling", () => {
  it("gives a record up after attemptsMax + 2 attempts when the target never dead-letters, and ends well within its budget", async () => {
    const run = await Effect.runPromise(runCommandsDrained(mutantNamed("dead-letter-never"), config, poisonFor("storm")))
    const attempts = drainLinesOf(run, "storm").filter((line) => line.startsWith(`ConsumerProcess storm/${drainerName} orders/1@0`))
    expect(attempts).toHaveLength(6)
    expect(attempts[5]).toMatch(/ProcessFailed orders\/1@0 cause=poison attempt=6 /)
    expect(run.commands.length - (run.drainStart ?? 0)).toBeLessThan(drainStepsMax(config, 3) / 10)
  })

  it("gives a member up when its breaker still refuses after the wait for the cool-down", async () => {
    const run = await Effect.runPromise(runCommandsDrained(mutantNamed("breaker-never-closes"), config, [
      { _tag: "DownstreamDown", group: "billing" },
      { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "v0" },
      { _tag: "ProducerSend", producer: "p0", topic: "orders", key: "k0", value: "v1" },
      { _tag: "GroupJoin", group: "billing", member: "m0" },
      { _tag: "ConsumerPoll", group: "billing", member: "m0", recordsMax: 3 },
      { _tag: "ConsumerProcess", group: "billing", member: "m0", topic: "orders", partition: 1, offset: 0 },
      { _tag: "ConsumerProcess", group: "billing", member: "m0", topic: "orders", partition: 1, offset: 1 }
    ]))
    const refusals = drainLinesOf(run, "billing").filter((line) => line.includes("-> BreakerOpen"))
    // The settling member and the drainer each: one refusal, the wait, one more refusal, then given up.
    expect(refusals).toHaveLength(4)
  })
})

describe("the final drain with autoOffsetReset none (the model)", () => {
  it("seeks a drainer refused below the log start to the log start, and then reads on from there", async () => {
    const run = await Effect.runPromise(runCommandsDrained(modelTarget, configRetention, [
      { _tag: "GroupJoin", group: "strict", member: "m0" },
      { _tag: "ProducerSend", producer: "p0", topic: "events", key: "k0", value: "v0" },
      { _tag: "ConsumerPoll", group: "strict", member: "m0", recordsMax: 1 },
      { _tag: "ConsumerCommit", group: "strict", member: "m0", offsets: [{ topic: "events", partition: 1, offset: 0 }] },
      ...[1, 2, 3, 4, 5, 6, 7].map((i): Command => ({ _tag: "ProducerSend", producer: "p0", topic: "events", key: "k0", value: `v${i}` }))
    ]))
    const lines = drainLinesOf(run, "strict")
    const refused = lines.findIndex((line) => line.includes(`ConsumerPoll strict/${drainerName}`) && line.includes("OffsetOutOfRange"))
    expect(refused).toBeGreaterThanOrEqual(0)
    // The drain's expiry (30 s) outlived the 20 s retention: everything in events/1 is gone, the log starts at its end.
    expect(lines[refused]).toMatch(/OffsetOutOfRange events\/1@0 hw=8 start=8$/)
    expect(lines[refused + 1]).toBe(`ConsumerSeek strict/${drainerName} events/1@8 -> Seeked events/1@8`)
    expect(lines[refused + 2]).toBe(`ConsumerPoll strict/${drainerName} max=1000 -> Polled []`)
  })
})
