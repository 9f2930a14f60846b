import { describe, expect, it } from "vitest"
import { shellWord } from "./shellWord.ts"

describe("shellWord", () => {
  it("leaves a plain word as it is and single-quotes any other", () => {
    expect(shellWord("./my-target.ts")).toBe("./my-target.ts")
    expect(shellWord("stdio:python3 examples/python-target/broker.py")).toBe("'stdio:python3 examples/python-target/broker.py'")
    expect(shellWord("stdio:sh -c 'echo $HOME'")).toBe("'stdio:sh -c '\\''echo $HOME'\\'''")
    expect(shellWord("")).toBe("''")
  })
  it("stays on one line", () => {
    expect(shellWord("a\nb")).toBe("'a\\nb'")
  })
})
