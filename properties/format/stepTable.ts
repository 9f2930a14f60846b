/**
 * A run printed like a program: one command per numbered line with the
 * target's answer beside it, the model's answer under any step where the two
 * differ, and notes (a violation, the first divergence) under their step.
 * The final drain, when the table knows where it starts, is a folded section
 * under its own heading: only its steps with a note or a differing answer
 * are shown.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { formatCommand } from "./command.ts"
import { formatResponse } from "./response.ts"

/** What a step table shows: commands, answers, and notes keyed by 0-based step. */
export interface StepTableInput {
  readonly commands: ReadonlyArray<Command>
  readonly actual: ReadonlyArray<Response>
  readonly expected?: ReadonlyArray<Response> | undefined
  readonly notes?: ReadonlyMap<number, ReadonlyArray<string>> | undefined
  /**
   * The 0-based step where the final drain starts: the steps from there on
   * are folded under a `-- drain (N commands) --` heading. Absent: every step
   * is shown and no drain is marked.
   */
  readonly drainStart?: number | undefined
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`

/**
 * Renders the table; steps are numbered from 1 and noted steps start with `>`.
 *
 * @example
 * ```text
 *    #  command                                      answer
 *    1  ProducerSend p0 -> payments key=k0 value=v0  Sent payments/0@0
 *   -- drain (9 commands, steps 2 to 10, after 1 command) --
 *      (steps 2 to 6 folded)
 * >  7  ConsumerPoll billing/drainer max=1000        Polled [payments/0@1]
 *                                                    ^ GroupsAreIndependent violated: ...
 *      (steps 8 to 10 folded)
 * ```
 */
export const formatStepTable = (input: StepTableInput): string => {
  const commandTexts = input.commands.map(formatCommand)
  const drainStart = input.drainStart !== undefined && input.drainStart <= input.commands.length ? input.drainStart : undefined
  const width = Math.min(64, commandTexts.reduce((widest, text) => Math.max(widest, text.length), 7))
  const numberWidth = String(input.commands.length).length
  const lines: Array<string> = [`  ${" ".repeat(numberWidth - 1)}#  ${"command".padEnd(width)}  answer`]
  const indent = " ".repeat(numberWidth + 4 + width)
  let foldedFrom: number | undefined
  const closeFold = (end: number) => {
    if (foldedFrom === undefined) return
    const range = foldedFrom === end - 1 ? `step ${end}` : `steps ${foldedFrom + 1} to ${end}`
    lines.push(`  ${" ".repeat(numberWidth)}  (${range} folded)`)
    foldedFrom = undefined
  }
  commandTexts.forEach((commandText, step) => {
    if (step === drainStart) {
      const count = input.commands.length - drainStart
      lines.push(`  -- drain (${plural(count, "command")}, steps ${drainStart + 1} to ${input.commands.length}, after ${plural(drainStart, "command")}) --`)
    }
    const notes = input.notes?.get(step) ?? []
    const actual = input.actual[step]
    const expected = input.expected?.[step]
    const actualText = actual === undefined ? "(no answer)" : formatResponse(actual)
    const expectedText = expected === undefined ? undefined : formatResponse(expected)
    const differs = expectedText !== undefined && expectedText !== actualText
    const marked = notes.length > 0 || differs
    if (drainStart !== undefined && step >= drainStart && !marked) {
      foldedFrom ??= step
      return
    }
    closeFold(step)
    lines.push(`${marked ? ">" : " "} ${String(step + 1).padStart(numberWidth)}  ${commandText.padEnd(width)}  ${actualText}`)
    if (differs) lines.push(`${indent}model: ${expectedText}`)
    for (const note of notes) lines.push(`${indent}^ ${note}`)
  })
  closeFold(input.commands.length)
  if (drainStart !== undefined && drainStart === input.commands.length) {
    lines.push(`  -- no drain: the counterexample fails without one (${plural(drainStart, "command")}) --`)
  }
  return lines.join("\n")
}
