/**
 * Splitting a command line into words, as a POSIX shell would for simple
 * quoting, so `--target "stdio:python3 'my broker.py' --fast"` starts
 * `python3` with the arguments `my broker.py` and `--fast`.
 *
 * Supported: words separated by blanks (spaces, tabs, newlines); `'...'`
 * keeps everything literally; `"..."` keeps everything but `\"`, `\\`, `\$`
 * and `` \` ``, which drop their backslash; outside quotes `\x` is `x`;
 * quotes inside a word join (`a'b c'd` is `ab cd`); `''` is an empty word.
 * Not supported (taken literally, never interpreted): variables, `~`, globs,
 * pipes, redirections, `;` and `&&`. No shell is started.
 *
 * @module
 */

/** The words of a command line, or the reason it cannot be split (an unterminated quote, no words). */
export type CommandLineSplit =
  | { readonly _tag: "Words"; readonly words: ReadonlyArray<string> }
  | { readonly _tag: "Invalid"; readonly reason: string }

const blank = (char: string): boolean => char === " " || char === "\t" || char === "\n" || char === "\r"

/**
 * Splits `line` into words (see the module comment for the quoting rules).
 *
 * @example
 * ```ts
 * splitCommandLine(`python3 "my broker.py" -u`) // { _tag: "Words", words: ["python3", "my broker.py", "-u"] }
 * splitCommandLine(`python3 'broker.py`)         // { _tag: "Invalid", reason: "unterminated ' quote" }
 * ```
 */
export const splitCommandLine = (line: string): CommandLineSplit => {
  const words: Array<string> = []
  let word = ""
  let inWord = false
  let i = 0
  while (i < line.length) {
    const char = line[i]
    if (blank(char)) {
      if (inWord) words.push(word)
      word = ""
      inWord = false
      i++
    } else if (char === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return { _tag: "Invalid", reason: "unterminated ' quote" }
      word += line.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (char === "\"") {
      inWord = true
      i++
      for (;;) {
        if (i >= line.length) return { _tag: "Invalid", reason: "unterminated \" quote" }
        const inner = line[i]
        if (inner === "\"") break
        if (inner === "\\" && i + 1 < line.length && "\"\\$`".includes(line[i + 1])) {
          word += line[i + 1]
          i += 2
        } else {
          word += inner
          i++
        }
      }
      i++
    } else if (char === "\\") {
      if (i + 1 >= line.length) return { _tag: "Invalid", reason: "a trailing \\ escapes nothing" }
      word += line[i + 1]
      inWord = true
      i += 2
    } else {
      word += char
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  if (words.length === 0) return { _tag: "Invalid", reason: "no command to run" }
  return { _tag: "Words", words }
}
