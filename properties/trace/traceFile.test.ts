import { Effect, Exit } from "effect"
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
})
