import { describe, expect, it } from "vitest"
import { escapeControlCharacters, quotedLengthMax, quoteInput } from "./quoteInput.ts"

describe("quoteInput", () => {
  it("quotes a plain value as JSON does", () => {
    expect(quoteInput("traces/a.json")).toBe("\"traces/a.json\"")
    expect(quoteInput("say \"hi\"")).toBe("\"say \\\"hi\\\"\"")
  })
  it("escapes line breaks and control characters, so the value stays on one line", () => {
    expect(quoteInput("a\nqsem: forged")).toBe("\"a\\nqsem: forged\"")
    expect(quoteInput("a\rb\tc\u001b[31m")).toBe("\"a\\rb\\tc\\u001b[31m\"")
  })
  it("escapes what JSON leaves but a terminal acts on: DEL, C1 controls, line separators, bidi overrides", () => {
    expect(quoteInput("\u007f\u0085\u009b\u2028\u2029\u202e\u2066")).toBe("\"\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066\"")
  })
  it("keeps other Unicode as it is", () => {
    expect(quoteInput("commandes/été-日本")).toBe("\"commandes/été-日本\"")
  })
  it("cuts a very long value and says how long it was", () => {
    const shown = quoteInput("x".repeat(1_000_000))
    expect(shown).toBe(`"${"x".repeat(quotedLengthMax)}"… (1,000,000 characters)`)
    expect(quoteInput("y".repeat(quotedLengthMax))).toBe(`"${"y".repeat(quotedLengthMax)}"`)
  })
})

describe("escapeControlCharacters", () => {
  it("escapes line breaks and controls, keeps the rest of the text as it is", () => {
    expect(escapeControlCharacters("unknown command \"a\nb\"\r\u0000 é")).toBe("unknown command \"a\\nb\"\\r\\u0000 é")
  })
})
