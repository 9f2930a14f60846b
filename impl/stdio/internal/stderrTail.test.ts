import { describe, expect, it } from "vitest"
import { StderrTail } from "./stderrTail.ts"

describe("StderrTail", () => {
  it("quotes the last non-blank line of stderr", () => {
    const tail = new StderrTail(4096)
    expect(tail.suffix).toBe("")
    tail.push("Traceback (most recent call last):\n  File \"broker.py\"\nKeyError: 'group'\n\n")
    expect(tail.suffix).toBe(" (stderr: KeyError: 'group')")
  })
  it("escapes the control characters a process wrote, so its stderr cannot move the terminal's cursor", () => {
    const tail = new StderrTail(4096)
    tail.push("\u001b[31mred\r\u0000\n")
    expect(tail.suffix).toBe(" (stderr: \\u001b[31mred\\r\\u0000)")
  })
})
