import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { describeJsonSyntaxError } from "./jsonSyntaxError.ts"

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe("describeJsonSyntaxError", () => {
  it("says where a text stops being JSON, without quoting it", () => {
    expect(describeJsonSyntaxError("SHELL=/bin/bash\u0000HOME=/root")).toBe("an unexpected character at line 1, column 1")
    expect(describeJsonSyntaxError("{\"a\": 1,\n  \"b\": [1, 2,, 3]}")).toBe("an unexpected character at line 2, column 14")
    expect(describeJsonSyntaxError("{\"a\":")).toBe("it ends too early at line 1, column 6")
    expect(describeJsonSyntaxError("{\"a\": 1} x")).toBe("text after its JSON value at line 1, column 10")
    expect(describeJsonSyntaxError(" \n")).toBe("it is empty")
    expect(describeJsonSyntaxError("\ufeff{}")).toBe("an unexpected character at line 1, column 1")
    expect(describeJsonSyntaxError("[".repeat(200_000))).toBe("it ends too early at line 1, column 200001")
  })

  it("finds an error in every text JSON.parse refuses, and none in JSON", () => {
    const nearJson = fc.oneof(
      fc.json(),
      fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([json, at, junk]) => {
        const cut = at % (json.length + 1)
        return `${json.slice(0, cut)}${junk}${json.slice(cut + junk.length % 2)}`
      }),
      fc.string({ unit: fc.constantFrom("{", "}", "[", "]", ",", ":", "\"", "\\", "1", "-", ".", "e", "u", "0", " ", "\n", "t", "n") })
    )
    fc.assert(fc.property(nearJson, (text) => {
      expect(describeJsonSyntaxError(text) === "a syntax error").toBe(parses(text))
    }), { numRuns: 3_000 })
  })
})
