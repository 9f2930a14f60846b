/**
 * Whether a decoded trace agrees with itself: one model answer per command,
 * one target answer per command (or one fewer, when the target failed on the
 * last one), a verdict at one of its steps, and choices that decode to its
 * commands. A hand-edited or corrupt trace that breaks one of these would
 * otherwise replay as something else and could pass.
 *
 * The choices check needs no target: the application's program depends only
 * on the config, the choices, the drained groups and the answers it is fed,
 * so fed the recorded target answers it must issue the recorded commands.
 *
 * @module
 */
import type { Command } from "../../../spec/command.ts"
import type { Trace } from "../../../spec/trace.ts"
import { equalJson } from "../../equal.ts"
import { formatCommand } from "../../format/command.ts"
import { choicesProgram, type Program, type ProgramMarks } from "../../program.ts"

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`

/** The longest command shown in a message. */
const shownLengthMax = 160

const show = (command: Command): string => {
  const text = formatCommand(command)
  return text.length <= shownLengthMax ? text : `${text.slice(0, shownLengthMax)}...`
}

/** Whether the trace says its target failed (could not open, failed, died or hung), so the run stopped early. */
const targetFailed = (trace: Trace): boolean => trace.verdict._tag === "Diverged" && trace.verdict.targetFailed === true

/** The next command the program issues when resumed with `answer`, or `undefined` when it is done. */
const nextOf = (program: Program, answer: Trace["actual"][number] | undefined): Command | undefined => {
  const next = program.next(answer as Trace["actual"][number])
  return next.done === true ? undefined : next.value
}

/** Where the choices, fed the recorded answers, issue something other than the recorded commands; `undefined` when they agree. */
const choicesMismatch = (trace: Trace, choices: NonNullable<Trace["choices"]>): string | undefined => {
  const marks: ProgramMarks = { drainStart: undefined }
  const program = choicesProgram(trace.config, choices, trace.drainGroups, marks)
  const { commands, actual } = trace
  const decodes = "its choices do not decode to its commands"
  let issued = nextOf(program, undefined)
  for (let step = 0; step < commands.length; step++) {
    if (issued === undefined) {
      return `${decodes}: fed the recorded answers, they (and the drain) issue ${plural(step, "command")}, but it records ${commands.length}`
    }
    if (!equalJson(issued, commands[step])) {
      return `${decodes}: command ${step + 1} decodes to ${show(issued)}, but it records ${show(commands[step])}`
    }
    if (step >= actual.length) return undefined // the target failed on this command: the run stopped here
    issued = nextOf(program, actual[step])
  }
  if (issued !== undefined && !targetFailed(trace)) {
    return `${decodes}: fed the recorded answers, they (and the drain) issue more than the ${plural(commands.length, "command")} it records (next: ${show(issued)})`
  }
  return undefined
}

/**
 * The first inconsistency of a decoded trace, in one line (without the file's
 * name), or `undefined` when it agrees with itself.
 *
 * @example
 * ```ts
 * traceInconsistency({ ...trace, expected: [] }) // "it has 9 commands but 0 model answers (expected: one per command)"
 * ```
 */
export const traceInconsistency = (trace: Trace): string | undefined => {
  const { commands, expected, actual, verdict } = trace
  if (expected.length !== commands.length) {
    return `it has ${plural(commands.length, "command")} but ${plural(expected.length, "model answer")} ("expected": one per command)`
  }
  if (actual.length !== commands.length && actual.length !== commands.length - 1) {
    return `it has ${plural(commands.length, "command")} but ${plural(actual.length, "target answer")} ("actual": one per command, or one fewer when the target failed on the last)`
  }
  // A target that failed to open leaves no command, and its divergence is at step 0.
  const openFailed = commands.length === 0 && verdict._tag === "Diverged" && verdict.step === 0
  if (verdict.step >= commands.length && !openFailed) {
    return `its verdict is at step ${verdict.step} (0-based), but it has ${plural(commands.length, "command")}`
  }
  if (trace.choices === undefined) return undefined
  try {
    return choicesMismatch(trace, trace.choices)
  } catch (error) {
    return `its choices do not decode against its recorded answers: ${String(error instanceof Error ? error.message : error).split("\n")[0].slice(0, 200)}`
  }
}
