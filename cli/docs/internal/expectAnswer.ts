/**
 * The scripted scenarios of the docs expect each command to get one of a few
 * answers; any other answer is a defect of the model (or of the script),
 * thrown with the scenario's name.
 *
 * @module
 */
import type { Command } from "../../../spec/command.ts"
import type { Response, ResponseOf } from "../../../spec/response.ts"

/** `response` when its tag is one of `tags`; otherwise throws `the <scenario>'s <command> got <tag>; expected <tags>`. */
export const expectAnswer = <Tag extends Response["_tag"]>(scenario: string, response: Response, tags: ReadonlyArray<Tag>, command: Command): ResponseOf<Tag> => {
  if ((tags as ReadonlyArray<string>).includes(response._tag)) return response as ResponseOf<Tag>
  throw new Error(`the ${scenario}'s ${command._tag} got ${response._tag}; expected ${tags.join(" or ")}`)
}
