/**
 * Showing a user-supplied value (a flag value, a path, a target or config
 * name) inside a one-line message, so that no input can break the line, forge
 * a second line or move the terminal's cursor. Lives in spec/ so that every
 * layer that builds messages (spec's `validateConfig`, properties, the CLI)
 * can use the same rule.
 *
 * @module
 */

/** The longest value {@link quoteInput} shows in full; longer ones are cut, saying how long they were. */
export const quotedLengthMax = 200

/**
 * Characters JSON.stringify leaves as they are but a terminal acts on: DEL and
 * the C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional overrides and isolates (which can make text read in another
 * order than it is).
 */
const unsafeBeyondJson = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Every character a terminal acts on: the C0 controls (newline, carriage return, escape...) and the ones above. */
const unsafeAll = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const escapeCode = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`

/**
 * `text` whole in JSON double quotes, with every character a terminal acts on
 * escaped (JSON's own escapes, then the ones JSON leaves as they are): the
 * quoting {@link quoteInput} and the program listings (`formatName`) share.
 */
export const quoteJson = (text: string): string => JSON.stringify(text).replace(unsafeBeyondJson, escapeCode)

/**
 * A user-supplied value as one line: JSON-style double quotes with newlines,
 * control characters and terminal-moving characters escaped, and values longer
 * than {@link quotedLengthMax} cut with their length said.
 *
 * @example
 * quoteInput("a\nb")            // "\"a\\nb\""
 * quoteInput("x".repeat(1000))  // "\"xxx…xxx\"… (1000 characters)"
 */
export const quoteInput = (value: string): string => {
  const shown = value.length > quotedLengthMax ? value.slice(0, quotedLengthMax) : value
  const quoted = quoteJson(shown)
  return value.length > quotedLengthMax ? `${quoted}… (${value.length.toLocaleString("en-US")} characters)` : quoted
}

/**
 * Any text made safe to print as one line: control and terminal-moving
 * characters become `\n`, `\r`, `\t` or `\uXXXX`, everything else is kept.
 * A last safeguard for messages built from values that were not quoted.
 */
export const escapeControlCharacters = (text: string): string =>
  text.replace(unsafeAll, (char) => (char === "\n" ? "\\n" : char === "\r" ? "\\r" : char === "\t" ? "\\t" : escapeCode(char)))
