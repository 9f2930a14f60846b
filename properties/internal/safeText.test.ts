import { describe, expect, it } from "vitest"
import { safeText } from "./safeText.ts"

describe("safeText", () => {
  it("is the first non-blank line of an error, a string or a number", () => {
    expect(safeText(new TypeError("reset\n    at socket.ts:1"))).toBe("TypeError: reset")
    expect(safeText("\n  down  \nmore")).toBe("down")
    expect(safeText(12n)).toBe("12n")
  })
  it("escapes control characters a target put in its message (colours, a carriage return, NUL)", () => {
    expect(safeText(new Error("\u001b[2J\u001b[31mred\r\u0000x"))).toBe("Error: \\u001b[2J\\u001b[31mred\\r\\u0000x")
  })
  it("never throws, even on a hostile value", () => {
    expect(safeText({ get message(): string { throw new Error("no") } })).toBe("an object")
    const error = new Error("x")
    Object.defineProperty(error, "message", { get() { throw new Error("no") } })
    expect(safeText(error)).toBe("an object that cannot be printed")
  })
})
