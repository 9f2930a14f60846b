/**
 * The shape of a command handler: one command in, its ok Response out, or a
 * typed broker error in the error channel.
 *
 * @module
 */
import type { Effect } from "effect"
import type { CommandOf, CommandTag } from "../../spec/command.ts"
import type { ResponseOf, ResponseTag } from "../../spec/response.ts"
import type { BrokerError } from "../errors.ts"

/** Executes one command of this tag, answering the ok Response or failing with a broker error. */
export type Handler<Tag extends CommandTag, Ok extends ResponseTag> = (
  command: CommandOf<Tag>
) => Effect.Effect<ResponseOf<Ok>, BrokerError>
