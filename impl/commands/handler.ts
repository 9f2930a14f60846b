/**
 * The shape of a command handler: one command in, its ok Response out, or a
 * typed broker error thrown (the broker's `execute` answers it as the spec's
 * error Response). Handlers are synchronous: the broker's core is plain
 * state machines under its Effect services.
 *
 * @module
 */
import type { CommandOf, CommandTag } from "../../spec/command.ts"
import type { ResponseOf, ResponseTag } from "../../spec/response.ts"
import type { BrokerError } from "../errors.ts"

/** Executes one command of this tag, answering the ok Response or throwing a {@link BrokerError}. */
export type Handler<Tag extends CommandTag, Ok extends ResponseTag> = (command: CommandOf<Tag>) => ResponseOf<Ok>
