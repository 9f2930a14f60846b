/**
 * Where a text stops being JSON, said without quoting it: a file given as a
 * config or a trace may be anything (`/proc/self/environ`, a key file), and
 * `JSON.parse`'s own message quotes its first bytes.
 *
 * @module
 */

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r"

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9"

/** Where the first syntax error is (an offset into the text) and what it is, or undefined when the text is JSON. */
const firstSyntaxError = (text: string): { readonly offset: number; readonly what: string } | undefined => {
  const n = text.length
  let i = 0
  // The open arrays and objects, innermost last: iterative, so deep nesting cannot overflow the stack.
  const open: Array<"]" | "}"> = []
  const skipSpace = () => {
    while (i < n && isSpace(text[i])) i++
  }
  const unexpected = () => ({ offset: i, what: i >= n ? "it ends too early" : "an unexpected character" })
  /** Scans a string from its opening quote; false on an error (at `i`). */
  const string = (): boolean => {
    i++
    while (i < n) {
      const c = text[i]
      if (c === "\"") {
        i++
        return true
      }
      if (c < " ") return false
      if (c === "\\") {
        i++
        if (i >= n) return false
        if (text[i] === "u") {
          for (let k = 0; k < 4; k++) {
            i++
            if (i >= n || !/[0-9a-fA-F]/.test(text[i])) return false
          }
        } else if (!"\"\\/bfnrt".includes(text[i])) {
          return false
        }
      }
      i++
    }
    return false
  }
  /** Scans a number; false on an error (at `i`). */
  const number = (): boolean => {
    if (text[i] === "-") i++
    if (text[i] === "0") i++
    else if (isDigit(text[i])) while (isDigit(text[i])) i++
    else return false
    if (text[i] === ".") {
      i++
      if (!isDigit(text[i])) return false
      while (isDigit(text[i])) i++
    }
    if (text[i] === "e" || text[i] === "E") {
      i++
      if (text[i] === "+" || text[i] === "-") i++
      if (!isDigit(text[i])) return false
      while (isDigit(text[i])) i++
    }
    return true
  }
  /** Scans an object's key and its colon; false on an error (at `i`). */
  const key = (): boolean => {
    skipSpace()
    if (text[i] !== "\"" || !string()) return false
    skipSpace()
    if (text[i] !== ":") return false
    i++
    return true
  }
  for (;;) {
    // A value.
    skipSpace()
    const c = text[i]
    if (c === "{" || c === "[") {
      i++
      skipSpace()
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++
      } else {
        open.push(c === "{" ? "}" : "]")
        if (c === "{" && !key()) return unexpected()
        continue
      }
    } else if (c === "\"") {
      if (!string()) return unexpected()
    } else if (c === "-" || isDigit(c)) {
      if (!number()) return unexpected()
    } else {
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i))
      if (literal === undefined) return unexpected()
      i += literal.length
    }
    // After a value: the end of the text, or a comma or the close of the innermost array or object.
    for (;;) {
      skipSpace()
      const close = open.at(-1)
      if (close === undefined) return i < n ? { offset: i, what: "text after its JSON value" } : undefined
      if (text[i] === close) {
        open.pop()
        i++
        continue
      }
      if (text[i] !== ",") return unexpected()
      i++
      if (close === "}" && !key()) return unexpected()
      break
    }
  }
}

/**
 * Why a text that `JSON.parse` refused is not JSON, in words and a line and
 * column (`an unexpected character at line 1, column 1`), never quoting the
 * text itself. For a config's or a trace's "is not valid JSON" message.
 * Given a text that is JSON after all, it says only `a syntax error`.
 */
export const describeJsonSyntaxError = (text: string): string => {
  if (/^[ \t\n\r]*$/.test(text)) return "it is empty"
  const error = firstSyntaxError(text)
  if (error === undefined) return "a syntax error"
  const before = text.slice(0, error.offset)
  const line = before.split("\n").length
  const column = error.offset - (before.lastIndexOf("\n") + 1) + 1
  return `${error.what} at line ${line}, column ${column}`
}
