/**
 * The end of what a process wrote on stderr, kept so that a failure message
 * can quote its last line (a Python traceback ends with the exception).
 *
 * @module
 */
import { escapeControlCharacters } from "../../../spec/internal/quoteInput.ts"

/** Keeps the last `charsMax` characters written to stderr. */
export class StderrTail {
  private text = ""

  constructor(private readonly charsMax: number) {}

  /** Adds a chunk of stderr. */
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.charsMax)
  }

  /** `" (stderr: <last non-blank line>)"` with control characters escaped, or `""` when stderr is empty. */
  get suffix(): string {
    const last = this.text.split("\n").map((line) => line.trim()).filter((line) => line !== "").pop()
    if (last === undefined) return ""
    return ` (stderr: ${escapeControlCharacters(last.length > 160 ? `${last.slice(0, 157)}...` : last)})`
  }
}
