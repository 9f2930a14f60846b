/**
 * The arbitrary a check's exploring runs are drawn from, named by data (so a
 * worker thread builds the same one as the main thread).
 *
 * @module
 */
import type * as fc from "fast-check"
import type { Config } from "../../spec/config.ts"
import { choicesArbitrary, type Choice } from "../choice.ts"
import { soakArbitrary } from "../soak.ts"

/** `choicesArbitrary(config, commandsMax)`, or `soakArbitrary(commandsMax)` for soak runs (`qsem check --soak`). */
export const choicesOfCheck = (config: Config, commandsMax: number, soak: boolean): fc.Arbitrary<ReadonlyArray<Choice>> =>
  soak ? soakArbitrary(commandsMax) : choicesArbitrary(config, commandsMax)
