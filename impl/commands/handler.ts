/**
 * The shape of a command handler: the session's services and one command
 * in, its ok Response out, or a typed broker error thrown (the broker's
 * `execute` answers it as the spec's error Response). Handlers are plain
 * synchronous functions, one per command, made once at module load: the
 * broker's core is plain state machines under its Effect services.
 *
 * @module
 */
import type { CommandOf, CommandTag } from "../../spec/command.ts"
import type { ResponseOf, ResponseTag } from "../../spec/response.ts"
import type { BrokerError } from "../errors.ts"
import type { Services } from "../services.ts"

/** Executes one command of this tag on a session's services, answering the ok Response or throwing a {@link BrokerError}. */
export type Handler<Tag extends CommandTag, Ok extends ResponseTag> = (services: Services, command: CommandOf<Tag>) => ResponseOf<Ok>
