/**
 * Encoding: the inverse of decoding, found by search. Given the
 * application's view and a command, a choice that decodes to that command
 * there, if the generator can produce it. The minimizer uses it to drop one
 * command from a counterexample while the commands after it stay what they
 * were (dropping a choice instead re-aims every later choice, because which
 * action a choice picks depends on what is enabled).
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import { choiceFieldMax } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { freshEventOf } from "../driver/external.ts"
import { equalJson } from "../equal.ts"
import { decodeContextOf } from "./context.ts"
import { actions, decoderOf } from "./decode.ts"

/** The values each of `a`, `b` and `c` is searched over (beyond the hint's own) when the hint's fields do not fit. */
export const encodeFieldSearchMax = 64

/**
 * For each enabled action in decoding order, the smallest `action` value
 * that picks it: `decodeChoice` scales `action` by the enabled weights.
 */
const actionValuesOf = (driver: Driver, config: Config): ReadonlyArray<number> => {
  const context = decodeContextOf(driver, config)
  const enabled = actions.filter((action) => action.enabled(context))
  const total = enabled.reduce((sum, action) => sum + action.weight, 0)
  const values: Array<number> = []
  let offset = 0
  for (const action of enabled) {
    values.push(Math.min(choiceFieldMax, Math.ceil((offset * (choiceFieldMax + 1)) / total)))
    offset += action.weight
  }
  return values
}

/**
 * Whether two commands are the same in what a choice chooses: a send's
 * `value` is not chosen but numbered (`v0`, `v1`, ... in send order), so a
 * program without an earlier send numbers its later sends one lower; so is a
 * service write's fresh event (`e0`, `e1`, ...), which is the same when the
 * decoded write names the next fresh event and the command's event is none
 * the service wrote before (a repeated event is chosen, and must match).
 */
const sameChoosable = (driver: Driver, decoded: Command, command: Command): boolean => {
  if (decoded._tag === "ProducerSend" && command._tag === "ProducerSend") return equalJson({ ...decoded, value: "" }, { ...command, value: "" })
  if (decoded._tag === "ServiceWrite" && command._tag === "ServiceWrite" && decoded.event !== command.event) {
    const fresh = decoded.event === freshEventOf(driver.outside) &&
      !(driver.outside.services.find((service) => service.name === command.service)?.events.includes(command.event) ?? false)
    return fresh && equalJson({ ...decoded, event: "" }, { ...command, event: "" })
  }
  return equalJson(decoded, command)
}

/**
 * A choice that decodes to `command` (a send's value and a fresh event aside, see above) against `driver`, or `undefined` when
 * none is found. Tries `hint` as it is, then with its `action` re-aimed at
 * each enabled action, then each of `a`, `b`, `c` alone over
 * `0..encodeFieldSearchMax - 1` (the lists the fields pick from are short).
 * `issued` maps a decoded command to the one a run issues (a clock advance
 * rounded to the config's quantum, see `program.ts`'s `quantized`), which
 * is what `command` is compared with. Deterministic.
 *
 * @example
 * ```ts
 * const send = decodeChoice(driver, config, choice)
 * encodeCommand(driver, config, send, choice) // choice (or another that decodes to send)
 * ```
 */
export const encodeCommand = (
  driver: Driver,
  config: Config,
  command: Command,
  hint: Choice,
  issued: (decoded: Command) => Command = (decoded) => decoded
): Choice | undefined => {
  const decode = decoderOf(driver, config)
  const fits = (choice: Choice): boolean => sameChoosable(driver, issued(decode(choice)), command)
  if (fits(hint)) return hint
  for (const action of actionValuesOf(driver, config)) {
    const aimed = { ...hint, action }
    if (fits(aimed)) return aimed
    for (const field of ["a", "b", "c"] as const) {
      for (let value = 0; value < encodeFieldSearchMax; value++) {
        const tried = { ...aimed, [field]: value }
        if (fits(tried)) return tried
      }
    }
  }
  return undefined
}
