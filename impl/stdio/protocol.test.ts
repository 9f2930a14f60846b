import { describe, expect, it } from "vitest"
import { configDefault } from "../../spec/config.ts"
import { decodeReplyLine, encodeCommandLine, encodeOpenLine } from "./protocol.ts"

describe("the stdio protocol", () => {
  it("writes the open line and command lines as one JSON object each", () => {
    expect(JSON.parse(encodeOpenLine(configDefault))).toEqual({ type: "open", config: configDefault })
    const line = encodeCommandLine({ _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0" })
    expect(line).toBe(`{"type":"command","command":{"_tag":"ProducerSend","producer":"p0","topic":"orders","value":"v0"}}`)
    expect(line).not.toContain("\n")
  })

  it("decodes the three replies", () => {
    expect(decodeReplyLine(`{"type":"opened"}`)).toEqual({ _tag: "Reply", reply: { type: "opened" } })
    expect(decodeReplyLine(`{"type":"response","response":{"_tag":"Crashed","group":"g","member":"m"}}`)).toEqual({
      _tag: "Reply",
      reply: { type: "response", response: { _tag: "Crashed", group: "g", member: "m" } }
    })
    expect(decodeReplyLine(`{"type":"error","message":"no"}`)).toEqual({ _tag: "Reply", reply: { type: "error", message: "no" } })
  })

  it("says why a line is not a reply", () => {
    expect(decodeReplyLine("hello")).toEqual({ _tag: "Invalid", reason: `a line that is not JSON: "hello"` })
    const wrong = decodeReplyLine(`{"type":"response","response":{"_tag":"Crashed","group":"g"}}`)
    expect(wrong._tag).toBe("Invalid")
    expect(wrong._tag === "Invalid" && wrong.reason).toMatch(/which is not a reply line \(.*member/)
  })
})
