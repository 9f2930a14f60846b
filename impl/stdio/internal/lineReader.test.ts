import { describe, expect, it } from "vitest"
import { LineReader } from "./lineReader.ts"

const taken = (reader: LineReader): Array<string> => {
  const lines: Array<string> = []
  for (let line = reader.take(); line !== undefined; line = reader.take()) lines.push(line)
  return lines
}

describe("LineReader", () => {
  it("cuts chunks into lines across chunk boundaries, dropping a \\r before the \\n", () => {
    const reader = new LineReader(10)
    expect(reader.push("ab")).toBe(true)
    expect(reader.hasLine).toBe(false)
    expect(reader.push("c\r\nde\n\nf")).toBe(true)
    expect(taken(reader)).toEqual(["abc", "de", ""])
    expect(reader.push("g\n")).toBe(true)
    expect(taken(reader)).toEqual(["fg"])
  })

  it("refuses a line longer than the bound, pending or ended, and everything after it", () => {
    const pending = new LineReader(5)
    expect(pending.push("12345")).toBe(true)
    expect(pending.push("6")).toBe(false)
    expect(pending.push("\nok\n")).toBe(false)
    expect(taken(pending)).toEqual([])

    const ended = new LineReader(5)
    expect(ended.push("ok\n123")).toBe(true)
    expect(ended.push("456\nlater\n")).toBe(false)
    expect(taken(ended)).toEqual(["ok"])
  })

  it("takes a line of exactly the bound", () => {
    const reader = new LineReader(5)
    expect(reader.push("123")).toBe(true)
    expect(reader.push("45\n")).toBe(true)
    expect(taken(reader)).toEqual(["12345"])
  })
})
