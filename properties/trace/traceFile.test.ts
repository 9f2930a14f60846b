import { Effect, Exit } from "effect"
import * as fs from "node:fs"
import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { traceVersion, type Trace } from "../../spec/trace.ts"
import { decodeTraceText, encodeTraceText } from "./traceFile.ts"

const trace: Trace = {
  format: "qsem-trace",
  version: traceVersion,
  target: "model",
  seed: 1,
  path: "",
  config: configDefault,
  commands: [],
  expected: [],
  actual: [],
  verdict: { _tag: "Diverged", step: 0, message: "x" }
}

/** A shipped counterexample: 2 choices, 9 commands (with a drain of billing), its verdict at step 4. */
const shipped = fs.readFileSync(new URL("../../traces/mutants/reorder-partition.json", import.meta.url), "utf8")

const decodeError = (text: string): string => {
  const exit = Effect.runSyncExit(decodeTraceText(text, "t.json"))
  if (Exit.isSuccess(exit)) throw new Error("decoded")
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  return (error as unknown as { error: { message: string } }).error.message
}

describe("decodeTraceText", () => {
  it("decodes what encodeTraceText wrote", () => {
    expect(Effect.runSync(decodeTraceText(encodeTraceText(trace), "t.json"))).toEqual(trace)
  })

  it("rejects a trace whose config breaks a config rule, in one line", () => {
    const badGroup = { ...configDefault, groups: [{ ...configDefault.groups[0], topics: ["nowhere"] }] }
    const message = decodeError(encodeTraceText({ ...trace, config: badGroup }))
    expect(message).toBe(`t.json has an invalid config: group "billing" subscribes to unknown topic "nowhere"`)
    const twice = { ...configDefault, topics: [...configDefault.topics, configDefault.topics[0]] }
    expect(decodeError(encodeTraceText({ ...trace, config: twice }))).toBe(`t.json has an invalid config: topic "orders" is declared twice`)
  })

  it("keeps the choices and the drained groups of a version 2 trace", () => {
    const withChoices = Effect.runSync(decodeTraceText(shipped, "t.json"))
    expect(withChoices.choices).toHaveLength(2)
    expect(withChoices.drainGroups).toEqual(["billing"])
    expect(Effect.runSync(decodeTraceText(encodeTraceText(withChoices), "t.json"))).toEqual(withChoices)
    expect(decodeError(encodeTraceText({ ...withChoices, drainGroups: ["billing", "audit"] }))).toBe(
      `t.json drains group "audit", which its config does not declare`
    )
  })

  it("reads a version 1 trace (it has no choices, so it replays verbatim), but not one that claims choices", () => {
    const v1 = { ...JSON.parse(encodeTraceText(trace)), version: 1 }
    expect(Effect.runSync(decodeTraceText(JSON.stringify(v1), "t.json"))).toEqual({ ...trace, version: 1 })
    expect(decodeError(JSON.stringify({ ...v1, choices: [] }))).toBe(
      `t.json is a version 1 trace with "choices" or "drainGroups", which version 1 does not have (set "version": 2)`
    )
    expect(decodeError(JSON.stringify({ ...v1, version: 3 }))).toBe("t.json has trace format version 3; this qsem reads versions 1 and 2")
  })

  it("names the first schema issue in one plain line, with where it is", () => {
    const json = JSON.parse(encodeTraceText(trace))
    expect(decodeError(JSON.stringify({ ...json, seed: "one" }))).toBe(`t.json is not a valid qsem trace: Expected number at ["seed"]`)
    expect(decodeError(JSON.stringify({ ...json, choices: [{ action: -1, a: 0, b: 0, c: 0 }] }))).toBe(
      `t.json is not a valid qsem trace: Expected a value greater than or equal to 0 at ["choices"][0]["action"]`
    )
    const commands = [{ _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v" }, { _tag: "ConsumerDance" }]
    expect(decodeError(JSON.stringify({ ...json, commands }))).toBe(
      `t.json is not a valid qsem trace: no kind is tagged "ConsumerDance" at ["commands"][1]`
    )
    expect(decodeError(JSON.stringify({ ...json, actual: [42] }))).toBe(
      `t.json is not a valid qsem trace: expected an object with a known "_tag" at ["actual"][0]`
    )
    const { verdict: _verdict, ...noVerdict } = json
    expect(decodeError(JSON.stringify(noVerdict))).toBe(`t.json is not a valid qsem trace: Missing key at ["verdict"]`)
  })

  it("refuses a trace that does not agree with itself, in one line naming the problem", () => {
    const json = JSON.parse(shipped) as Trace
    const edited = (change: Partial<Trace>): string => decodeError(JSON.stringify({ ...json, ...change }))
    expect(edited({ choices: [] })).toBe(
      `t.json is inconsistent: its choices do not decode to its commands: command 1 decodes to ClockAdvance +30000ms, but it records ProducerSend p0 -> payments key=k1 value=v0`
    )
    const [first, second] = json.choices ?? []
    expect(edited({ choices: [first, { ...second, a: second.a + 7 }] })).toMatch(
      /^t\.json is inconsistent: its choices do not decode to its commands: command 2 decodes to .*, but it records ProducerSend p0 -> payments key=k1 value=v1$/
    )
    expect(edited({ commands: json.commands.slice(0, 8), expected: json.expected.slice(0, 8), actual: json.actual.slice(0, 8) })).toBe(
      `t.json is inconsistent: its choices do not decode to its commands: fed the recorded answers, they (and the drain) issue more than the 8 commands it records (next: ConsumerPoll billing/drainer max=1000)`
    )
    expect(edited({ expected: json.expected.slice(0, 5) })).toBe(
      `t.json is inconsistent: it has 9 commands but 5 model answers ("expected": one per command)`
    )
    expect(edited({ actual: json.actual.slice(0, 7) })).toBe(
      `t.json is inconsistent: it has 9 commands but 7 target answers ("actual": one per command, or one fewer when the target failed on the last)`
    )
    expect(edited({ verdict: { ...json.verdict, step: 1_000_000_000 } })).toBe(
      `t.json is inconsistent: its verdict is at step 1000000000 (0-based), but it has 9 commands`
    )
  })

  it("accepts a trace whose target failed on its last command (one answer fewer) or could not open (no command)", () => {
    const json = JSON.parse(shipped) as Trace
    const failedAt = { _tag: "Diverged", step: 5, message: "target failed", targetFailed: true } as const
    const stopped = { ...json, commands: json.commands.slice(0, 6), expected: json.expected.slice(0, 6), actual: json.actual.slice(0, 5), verdict: failedAt }
    expect(Effect.runSync(decodeTraceText(JSON.stringify(stopped), "t.json")).commands).toHaveLength(6)
    const openFailed = { ...stopped, commands: [], expected: [], actual: [], verdict: { ...failedAt, step: 0 } }
    expect(Effect.runSync(decodeTraceText(JSON.stringify(openFailed), "t.json")).commands).toHaveLength(0)
  })

  it("refuses a name with a control character in a command, as in the config (the same Name schema)", () => {
    const json = JSON.parse(shipped) as Trace
    const commands = json.commands.map((command, step) => (step === 5 ? { ...command, group: "billing\nPASSES" } : command))
    expect(decodeError(JSON.stringify({ ...json, commands }))).toMatch(
      /^t\.json is not a valid qsem trace: a name may not contain a control character \(found "\\n"\) at \["commands"\]\[5\]\["group"\]$/
    )
    expect(decodeError(JSON.stringify({ ...json, drainGroups: ["billing\r"] }))).toMatch(/control character \(found "\\r"\) at \["drainGroups"\]\[0\]$/)
  })
})
