/**
 * Cuts a text stream into lines (`\n`, with an optional `\r` before it),
 * refusing a line longer than a bound so a process that never prints a
 * newline cannot fill memory.
 *
 * @module
 */

/** Accumulates chunks and hands out complete lines. */
export class LineReader {
  /** The chunks of the line not yet ended, and their length: each chunk is searched once (a long line costs linear time). */
  private partial: Array<string> = []
  private partialLength = 0
  /** A line grew beyond the bound: nothing more is kept. */
  private overflowed = false
  private readonly lines: Array<string> = []

  constructor(private readonly lineLengthMax: number) {}

  /** Adds a chunk; `false` when a line grew beyond the bound (from then on, always). */
  push(chunk: string): boolean {
    if (this.overflowed) return false
    let start = 0
    let newline = chunk.indexOf("\n")
    while (newline >= 0) {
      const piece = chunk.slice(start, newline)
      if (this.partialLength + piece.length > this.lineLengthMax) return this.overflow()
      const line = this.partial.length === 0 ? piece : this.partial.join("") + piece
      this.partial = []
      this.partialLength = 0
      this.lines.push(line.endsWith("\r") ? line.slice(0, -1) : line)
      start = newline + 1
      newline = chunk.indexOf("\n", start)
    }
    if (start < chunk.length) {
      this.partial.push(start === 0 ? chunk : chunk.slice(start))
      this.partialLength += chunk.length - start
    }
    return this.partialLength <= this.lineLengthMax || this.overflow()
  }

  private overflow(): false {
    this.overflowed = true
    this.partial = []
    this.partialLength = 0
    return false
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
