/**
 * A run printed like a program: one command per numbered line with the
 * target's answer beside it, the model's answer under any step where the two
 * differ, and notes (a violation, the first divergence) under their step.
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
}

/** Renders the table; steps are numbered from 1 and noted steps start with `>`. */
export const formatStepTable = (input: StepTableInput): string => {
  const commandTexts = input.commands.map(formatCommand)
  const width = Math.min(64, Math.max(7, ...commandTexts.map((text) => text.length)))
  const numberWidth = String(input.commands.length).length
  const lines: Array<string> = [`  ${" ".repeat(numberWidth - 1)}#  ${"command".padEnd(width)}  answer`]
  commandTexts.forEach((commandText, step) => {
    const notes = input.notes?.get(step) ?? []
    const actual = input.actual[step]
    const expected = input.expected?.[step]
    const actualText = actual === undefined ? "(no answer)" : formatResponse(actual)
    const expectedText = expected === undefined ? undefined : formatResponse(expected)
    const differs = expectedText !== undefined && expectedText !== actualText
    const marker = notes.length > 0 || differs ? ">" : " "
    lines.push(`${marker} ${String(step + 1).padStart(numberWidth)}  ${commandText.padEnd(width)}  ${actualText}`)
    const indent = " ".repeat(numberWidth + 4 + width)
    if (differs) lines.push(`${indent}model: ${expectedText}`)
    for (const note of notes) lines.push(`${indent}^ ${note}`)
  })
  return lines.join("\n")
}
