/**
 * A small, strict flag parser: `--name value` or `--name=value`, positional
 * arguments, and a one-line error for anything it does not know.
 *
 * @module
 */
import { quoteInput } from "../spec/internal/quoteInput.ts"
import { UsageError } from "./usageError.ts"

/** The kind of value each flag takes: a string, a whole number, or none (a switch). */
export type FlagKind = "string" | "count" | "switch"

/** Parsed arguments: the positional ones and the flags that were given. */
export interface ParsedArgs {
  readonly positionals: ReadonlyArray<string>
  readonly strings: ReadonlyMap<string, string>
  readonly counts: ReadonlyMap<string, number>
  readonly switches: ReadonlySet<string>
}

/** A flag's name as typed, quoted only when it has characters a plain flag name does not have. */
const flagShown = (name: string): string => (/^[\w-]*$/.test(name) ? `--${name}` : quoteInput(`--${name}`))

/**
 * Parses `argv` against the flags a command accepts; throws {@link UsageError}.
 * A flag is known only when `flags` has it as an own property, so names of
 * built-in object properties (`--__proto__`, `--constructor`, `--toString`)
 * are unknown flags like any other. Echoed names and values are quoted.
 * A flag that takes a value may be given once (a switch given twice is the
 * same switch). A count of more digits than a safe integer has is kept as
 * `Infinity`, for the command's range check to refuse as too large.
 */
export const parseArgs = (command: string, argv: ReadonlyArray<string>, flags: Readonly<Record<string, FlagKind>>): ParsedArgs => {
  const positionals: Array<string> = []
  const strings = new Map<string, string>()
  const counts = new Map<string, number>()
  const switches = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith("--")) {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf("=")
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    const kind = Object.hasOwn(flags, name) ? flags[name] : undefined
    if (kind === undefined) {
      const known = Object.keys(flags).map((flag) => `--${flag}`).join(", ")
      throw new UsageError({ message: `unknown flag ${flagShown(name)} for 'qsem ${command}' (it takes ${known || "no flags"})` })
    }
    if (kind === "switch") {
      if (eq !== -1) throw new UsageError({ message: `flag --${name} takes no value` })
      switches.add(name)
      continue
    }
    // The last of two values would otherwise win without a word (`--config A --config B`).
    if (strings.has(name) || counts.has(name)) throw new UsageError({ message: `flag --${name} is given more than once: it takes one value` })
    let value: string | undefined = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value === "") throw new UsageError({ message: `flag --${name} needs a value` })
    if (kind === "count") {
      if (!/^\d+$/.test(value)) throw new UsageError({ message: `flag --${name} takes a whole number, not ${quoteInput(value)}` })
      // Digits past the safe integers: too large for any count flag, said so by its range check (`countIn`).
      counts.set(name, Number.isSafeInteger(Number(value)) ? Number(value) : Number.POSITIVE_INFINITY)
    } else {
      strings.set(name, value)
    }
  }
  return { positionals, strings, counts, switches }
}
