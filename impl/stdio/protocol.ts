/**
 * The stdio wire protocol between qsem and a target process written in any
 * language (Maelstrom's model: newline-delimited JSON over stdin and stdout).
 *
 * Every message is one JSON object on one line, ended by `\n` (UTF-8). qsem
 * writes one line and waits for exactly one reply line before it writes the
 * next; nothing is pipelined.
 *
 * 1. A session starts with an open line carrying the whole config
 *    (`spec/config.ts`): `{"type":"open","config":{...}}`. The process starts
 *    a fresh system for it, discarding everything from any earlier session,
 *    and replies `{"type":"opened"}`.
 * 2. Then one command line per command (`spec/command.ts`, tagged by `_tag`):
 *    `{"type":"command","command":{"_tag":"ConsumerPoll","group":"billing","member":"m1","recordsMax":3}}`,
 *    answered by one response line (`spec/response.ts`, ok values and typed
 *    errors alike): `{"type":"response","response":{"_tag":"Polled",...}}`.
 *    An optional field (a record's `key`) is left out when absent.
 * 3. Another open line may follow any reply: that is the next run (a reset).
 *    qsem keeps one process per concurrent run and reuses it for the next
 *    run, because starting an interpreter costs far more than a run does. At
 *    the end qsem closes the process's stdin: it should exit on end of input.
 *
 * A process that cannot go on replies `{"type":"error","message":"..."}`:
 * the run fails with that message. Time is logical: a
 * `{"_tag":"ClockAdvance","ms":N}` command is the only way time passes, so a
 * target never reads a wall clock. stderr is free for logs; its last line is
 * quoted when the process dies. Anything else on stdout (a blank line, a
 * debug print, a reply of the wrong type or shape) fails the run.
 *
 * @module
 */
import { SchemaIssue } from "effect"
import * as Schema from "effect/Schema"
import { Command } from "../../spec/command.ts"
import { Config } from "../../spec/config.ts"
import { Response } from "../../spec/response.ts"

/** qsem -> process: start a fresh system for this config (the first line of every run). */
export const OpenMessage = Schema.Struct({ type: Schema.Literal("open"), config: Config })
/** @see {@link OpenMessage} */
export type OpenMessage = typeof OpenMessage.Type

/** qsem -> process: execute one command. */
export const CommandMessage = Schema.Struct({ type: Schema.Literal("command"), command: Command })
/** @see {@link CommandMessage} */
export type CommandMessage = typeof CommandMessage.Type

/** process -> qsem: the system for the config of the open line is ready. */
export const OpenedReply = Schema.Struct({ type: Schema.Literal("opened") })

/** process -> qsem: the answer to the command line just read. */
export const ResponseReply = Schema.Struct({ type: Schema.Literal("response"), response: Response })

/** process -> qsem: the process cannot go on; the run fails with `message`. */
export const ErrorReply = Schema.Struct({ type: Schema.Literal("error"), message: Schema.String })

/** Every line a target process may print on stdout. */
export const Reply = Schema.Union([OpenedReply, ResponseReply, ErrorReply])
/** @see {@link Reply} */
export type Reply = typeof Reply.Type

/** The open line for `config`, without its `\n`. */
export const encodeOpenLine = (config: Config): string => JSON.stringify({ type: "open", config } satisfies OpenMessage)

/** The line for `command`, without its `\n`. */
export const encodeCommandLine = (command: Command): string => JSON.stringify({ type: "command", command } satisfies CommandMessage)

const decodeReplyExit = Schema.decodeUnknownExit(Reply)
const formatIssue = SchemaIssue.makeFormatterDefault()

/** At most `max` characters of `text`, quoted as JSON, for a one-line message. */
export const excerpt = (text: string, max = 120): string => JSON.stringify(text.length > max ? `${text.slice(0, max - 3)}...` : text)

/**
 * A reply line decoded, or why it is not a reply: not JSON, or JSON that is
 * no {@link Reply} (the first schema problem, on one line).
 */
export const decodeReplyLine = (line: string):
  | { readonly _tag: "Reply"; readonly reply: Reply }
  | { readonly _tag: "Invalid"; readonly reason: string } => {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return { _tag: "Invalid", reason: `a line that is not JSON: ${excerpt(line)}` }
  }
  const exit = decodeReplyExit(json)
  if (exit._tag === "Success") return { _tag: "Reply", reply: exit.value }
  const issue = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  const detail = issue === undefined ? "" : ` (${formatIssue(issue.error.issue).replace(/\s*\n\s*/g, " ").trim()})`
  return { _tag: "Invalid", reason: `${excerpt(line)}, which is not a reply line${detail.length > 300 ? `${detail.slice(0, 297)}...)` : detail}` }
}
