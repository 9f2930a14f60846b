import { describe, expect, it } from "vitest"
import { describeError } from "./processExit.ts"

describe("describeError", () => {
  it("is the first line of the message, with the class unless it is a plain Error", () => {
    expect(describeError(new Error("socket closed\n    at reconnect"))).toBe("socket closed")
    expect(describeError(new TypeError("bad"))).toBe("TypeError: bad")
    expect(describeError("thrown string")).toBe("thrown string")
  })
  it("escapes control characters, so what a target threw cannot move the terminal's cursor", () => {
    expect(describeError(new Error("\u001b[31mtimer\r\u0000"))).toBe("\\u001b[31mtimer\\r\\u0000")
  })
  it("never throws on an error whose message cannot be read", () => {
    const error = new Error("x")
    Object.defineProperty(error, "message", { get() { throw new Error("no") } })
    expect(describeError(error)).toBe("a value that cannot be printed")
  })
})
