/**
 * Resolving `--target`: `builtin`, `builtin-sql` (the built-in broker with
 * its effect stores and services' databases in SQLite), `model`,
 * `mutant:<name>`, a real broker (`redis-streams`, `nats-jetstream`,
 * `rabbitmq`, `mqtt`, each with `:<setting>`; see brokers/),
 * `stdio:<command line>` (a process in any language, see
 * docs/stdio-targets.md), or the path of a module that exports a Target (as
 * `target` or as its default export).
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { builtinSqlTarget } from "../impl/builtinSql.ts"
import { builtinTarget, mutants } from "../impl/index.ts"
import { splitCommandLine } from "../impl/stdio/commandLine.ts"
import { stdioTarget } from "../impl/stdio/target.ts"
import type { Target } from "../impl/target.ts"
import { fileKindOf } from "../properties/internal/readRegularFile.ts"
import { modelTarget } from "../properties/modelTarget.ts"
import { escapeControlCharacters, quoteInput } from "../spec/internal/quoteInput.ts"
import { importTargetModule } from "./internal/importTargetModule.ts"
import { brokerSpecOf, brokerTargetNames } from "./brokerTargets.ts"
import type { BrokerAddress } from "../brokers/brokerTarget.ts"
import { UsageError } from "./usageError.ts"

/** The names `--target` accepts besides a module path. */
export const targetNames = (): ReadonlyArray<string> => [
  builtinTarget.name,
  builtinSqlTarget.name,
  modelTarget.name,
  ...mutants.map((m) => m.name)
]

/**
 * The Target a module exports (as `target`, else as its default export), read
 * once (a getter is not asked twice), with its name made one safe line: the
 * name is printed in every message, and a module chose it. `undefined` when
 * the export is not a Target or reading it throws.
 */
const targetOf = (module: Record<string, unknown>): Target | undefined => {
  try {
    const value = module.target ?? module.default
    if (typeof value !== "object" || value === null) return undefined
    const { name, open } = value as Target
    if (typeof name !== "string" || typeof open !== "function") return undefined
    return { name: escapeControlCharacters(name), open: (config) => Reflect.apply(open, value, [config]) }
  } catch {
    return undefined
  }
}

/**
 * Whether `spec` names a target built into qsem (`builtin`, `builtin-sql`, `model`, a
 * mutant): the only targets a trace file may choose by itself. A `stdio:`
 * command line or a module path recorded in a trace is never run unless
 * `--target` names it, since a trace file from elsewhere could otherwise
 * start any program.
 */
export const isBuiltinTargetName = (spec: string): boolean => targetNames().includes(spec)

/**
 * Whether a load failure comes from the module being compiled as CommonJS: a
 * `.ts` file whose nearest package.json lacks `"type": "module"` is, and
 * then cannot use top-level await.
 */
const loadedAsCommonJs = (reason: string): boolean => reason.includes("\"cjs\" output format")

const commonJsHint = " (its nearest package.json has no \"type\": \"module\", so it is loaded as CommonJS: add \"type\": \"module\" there)"

/**
 * Why `file` cannot be a target module, or `undefined`: importing a FIFO
 * would block forever and `/dev/zero` would be read without end, so only a
 * regular file (a symbolic link to one included) is imported.
 */
const moduleFileRefusal = (file: string): string | undefined => {
  try {
    const stats = fs.statSync(file)
    return stats.isFile() ? undefined : `it is ${fileKindOf(stats)}; a target module is a regular file`
  } catch (error) {
    return `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`
  }
}

/** What a module threw, as text, even when it threw something whose `toString` throws. */
const textOf = (error: unknown): string => {
  try {
    return String(error instanceof Error ? error.message : error)
  } catch {
    return "a value that cannot be printed"
  }
}

/**
 * The target a `--target` value names; throws {@link UsageError} with one
 * line. A real broker connects to `brokerAddress` when given, else to a
 * server it starts (see `prepareBroker`).
 */
export const resolveTarget = async (spec: string, brokerAddress?: BrokerAddress): Promise<Target> => {
  if (spec === builtinTarget.name) return builtinTarget
  if (spec === builtinSqlTarget.name) return builtinSqlTarget
  if (spec === modelTarget.name) return modelTarget
  if (spec.startsWith("mutant:")) {
    const found = mutants.find((mutant) => mutant.name === spec)
    if (found !== undefined) return found
    throw new UsageError({
      message: `unknown mutant ${quoteInput(spec)} (known: ${mutants.map((m) => m.name).join(", ")})`
    })
  }
  const broker = brokerSpecOf(spec)
  if (broker !== undefined) return broker.entry.make(broker.setting, { address: brokerAddress })
  if (spec.startsWith("stdio:")) {
    const split = splitCommandLine(spec.slice("stdio:".length))
    if (split._tag === "Invalid") throw new UsageError({ message: `bad target ${quoteInput(spec)}: ${split.reason}` })
    return stdioTarget(split.words, { name: spec })
  }
  const file = path.resolve(spec)
  if (!fs.existsSync(file)) {
    // The mutants are many: named by count, and `--target mutant:` lists them (as an unknown mutant does).
    const builtIn = [builtinTarget.name, builtinSqlTarget.name, modelTarget.name, ...brokerTargetNames()].join(", ")
    throw new UsageError({
      message: `unknown target ${quoteInput(spec)}: not ${builtIn}, mutant:<name> (${mutants.length} mutants; --target mutant: lists them), nor an existing module file`
    })
  }
  const kind = moduleFileRefusal(file)
  if (kind !== undefined) throw new UsageError({ message: `cannot load target module ${quoteInput(spec)}: ${kind}` })
  let module: Record<string, unknown>
  try {
    module = await importTargetModule(file)
  } catch (error) {
    const lines = textOf(error).split("\n").map((line) => line.trim()).filter((line) => line !== "")
    const reason = lines[0]?.startsWith("Transform failed") === true ? lines.slice(0, 2).join(" ") : lines[0] ?? "unknown error"
    throw new UsageError({ message: `cannot load target module ${quoteInput(spec)}: ${reason}${loadedAsCommonJs(reason) ? commonJsHint : ""}` })
  }
  const candidate = targetOf(module)
  if (candidate === undefined) {
    throw new UsageError({ message: `module ${quoteInput(spec)} exports no Target (expected "export const target" or a default export with name and open)` })
  }
  return candidate
}
