import { escapeControlCharacters } from "../../spec/internal/quoteInput.ts"

/**
 * Text for a value a target threw or failed with, which may itself be
 * hostile (a throwing getter or `toString`, a Proxy, a BigInt, a cycle).
 *
 * @module
 */

/**
 * A short one-line text for `value` that never throws: an Error's name and
 * message, a string or number as it is, else a few words; its first line
 * only, with control characters escaped, so a target's text cannot move the
 * terminal's cursor or colour what follows.
 *
 * @example
 * ```ts
 * safeText(new Error("reset")) // "Error: reset"
 * safeText({ get message() { throw 1 } }) // "an object"
 * ```
 */
export const safeText = (value: unknown, max = 200): string => {
  let text: string
  try {
    if (value instanceof Error) text = `${String(value.name)}: ${String(value.message)}`
    else if (typeof value === "string") text = value
    else if (typeof value === "object" && value !== null) text = Array.isArray(value) ? "an array" : "an object"
    else text = typeof value === "bigint" ? `${String(value)}n` : String(value)
  } catch {
    text = typeof value === "object" && value !== null ? "an object that cannot be printed" : "a value that cannot be printed"
  }
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text
  const trimmed = line.trim()
  return escapeControlCharacters(trimmed.length > max ? `${trimmed.slice(0, max - 3)}...` : trimmed)
}
