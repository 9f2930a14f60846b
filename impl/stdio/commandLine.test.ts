import { describe, expect, it } from "vitest"
import { splitCommandLine } from "./commandLine.ts"

const words = (line: string) => splitCommandLine(line)

describe("splitCommandLine", () => {
  it("splits on blanks and drops empty runs of them", () => {
    expect(words("  python3\texamples/broker.py   -u ")).toEqual({ _tag: "Words", words: ["python3", "examples/broker.py", "-u"] })
  })

  it("keeps quoted text as one word, joins adjacent quotes and honours escapes", () => {
    expect(words(`python3 'my broker.py' "a \\"b\\" \\\\ \\n" x\\ y a'b c'd ''`)).toEqual({
      _tag: "Words",
      words: ["python3", "my broker.py", `a "b" \\ \\n`, "x y", "ab cd", ""]
    })
  })

  it("takes shell syntax literally: no variables, globs or pipes", () => {
    expect(words("echo $HOME *.py | cat")).toEqual({ _tag: "Words", words: ["echo", "$HOME", "*.py", "|", "cat"] })
  })

  it("says why a line cannot be split", () => {
    expect(words("python3 'broker.py")).toEqual({ _tag: "Invalid", reason: "unterminated ' quote" })
    expect(words(`python3 "broker.py`)).toEqual({ _tag: "Invalid", reason: "unterminated \" quote" })
    expect(words("python3 \\")).toEqual({ _tag: "Invalid", reason: "a trailing \\ escapes nothing" })
    expect(words("   ")).toEqual({ _tag: "Invalid", reason: "no command to run" })
  })
})
