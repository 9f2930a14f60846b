/**
 * The purity property the model's tests assert on any config: stepping never
 * changes a state it was given nor one it returned, even when old states are
 * stepped again (branches), and stepping an old state again gives the same
 * answer. Test-only.
 *
 * @module
 */
import fc from "fast-check"
import { expect } from "vitest"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { init, type ModelState } from "../state.ts"
import { run, step } from "../step.ts"
import { snapshot } from "./testing.ts"

/**
 * Asserts purity over `numRuns` random command sequences drawn from
 * `commandArb` on `config`, from the state `start` leads to from `init`
 * (none: `init` itself), comparing states by their snapshot over these
 * producers and members.
 */
export const assertStepIsPure = (
  config: Config,
  commandArb: fc.Arbitrary<Command>,
  names: { readonly producers: ReadonlyArray<string>; readonly members: ReadonlyArray<string> },
  numRuns: number,
  start: ReadonlyArray<Command> = []
): void => {
  const first = run(init(config), start).state
  const view = (state: ModelState) => snapshot(state, names.producers, names.members)
  fc.assert(
    fc.property(fc.array(commandArb, { maxLength: 60 }), fc.array(commandArb, { maxLength: 10 }), (commands, branch) => {
      const states: Array<ModelState> = [first]
      const views: Array<unknown> = [view(states[0])]
      const responses: Array<unknown> = []
      for (const command of commands) {
        const next = step(states[states.length - 1], command)
        states.push(next.state)
        views.push(view(next.state))
        responses.push(next.response)
      }
      // branch off every fifth state, then replay the main line
      for (let i = 0; i < states.length; i += 5) run(states[i], branch)
      states.forEach((state, i) => expect(view(state)).toEqual(views[i]))
      commands.forEach((command, i) => expect(step(states[i], command).response).toEqual(responses[i]))
    }),
    { numRuns }
  )
}
