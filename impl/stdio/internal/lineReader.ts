/**
 * Cuts a text stream into lines (`\n`, with an optional `\r` before it),
 * refusing a line longer than a bound so a process that never prints a
 * newline cannot fill memory.
 *
 * @module
 */

/** Accumulates chunks and hands out complete lines. */
export class LineReader {
  private partial = ""
  private readonly lines: Array<string> = []

  constructor(private readonly lineLengthMax: number) {}

  /** Adds a chunk; `false` when the pending line grew beyond the bound. */
  push(chunk: string): boolean {
    let text = this.partial + chunk
    let fits = true
    let newline = text.indexOf("\n")
    while (newline >= 0) {
      const line = text.slice(0, newline)
      if (line.length > this.lineLengthMax) fits = false
      this.lines.push(line.endsWith("\r") ? line.slice(0, -1) : line)
      text = text.slice(newline + 1)
      newline = text.indexOf("\n")
    }
    this.partial = text
    return fits && text.length <= this.lineLengthMax
  }

  /** The oldest complete line not yet taken, if any. */
  take(): string | undefined {
    return this.lines.shift()
  }

  /** Whether a complete line is waiting. */
  get hasLine(): boolean {
    return this.lines.length > 0
  }
}
