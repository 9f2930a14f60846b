/**
 * `--target <broker>[:<setting>]`: the real brokers of brokers/, their server
 * (started by qsem, or the user's own at `--broker-address host:port` or
 * `QSEM_BROKER_ADDRESS`), and what a check takes from a broker's profile.
 *
 * @module
 */
import { brokerEntries } from "../brokers/index.ts"
import type { BrokerAddress, BrokerEntry, BrokerTarget } from "../brokers/brokerTarget.ts"
import type { Target } from "../impl/target.ts"
import { quoteInput } from "../spec/internal/quoteInput.ts"
import { portOpen } from "../brokers/server/freePort.ts"
import { UsageError } from "./usageError.ts"

/** The broker entry and setting a `--target` value names, or `undefined` when it names no broker. */
export const brokerSpecOf = (spec: string): { readonly entry: BrokerEntry; readonly setting: string } | undefined => {
  const colon = spec.indexOf(":")
  const name = colon < 0 ? spec : spec.slice(0, colon)
  const entry = brokerEntries.find((candidate) => candidate.name === name)
  if (entry === undefined) return undefined
  const setting = colon < 0 ? entry.settings[0] : spec.slice(colon + 1)
  if (!entry.settings.includes(setting)) {
    throw new UsageError({ message: `unknown setting ${quoteInput(setting)} of broker ${entry.name} (its settings: ${entry.settings.join(", ")})` })
  }
  return { entry, setting }
}

/** The `--target` names of the real brokers, each with its settings: "redis-streams[:aof-everysec|aof-always|rdb]". */
export const brokerTargetNames = (): ReadonlyArray<string> => brokerEntries.map((entry) => `${entry.name}[:${entry.settings.join("|")}]`)

/** Whether a target is a real broker (it has a profile and a server to prepare). */
export const isBrokerTarget = (target: Target): target is BrokerTarget =>
  "profile" in target && typeof (target as BrokerTarget).prepare === "function" && typeof (target as BrokerTarget).close === "function"

/** The address of a user's running server, from `--broker-address` or else `QSEM_BROKER_ADDRESS`: `host:port`. */
export const brokerAddressOf = (flag: string | undefined): BrokerAddress | undefined => {
  const given = flag ?? process.env.QSEM_BROKER_ADDRESS
  if (given === undefined || given === "") return undefined
  const where = flag === undefined ? "environment variable QSEM_BROKER_ADDRESS" : "--broker-address"
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(given)
  const port = match === null ? Number.NaN : Number(match[2])
  if (match === null || !(port >= 1 && port <= 65_535)) {
    throw new UsageError({ message: `${where} takes host:port (for example 127.0.0.1:6379), not ${quoteInput(given)}` })
  }
  return { host: match[1].replace(/^\[|\]$/g, ""), port }
}

/** Refuses, in one line, a server address where nothing listens (before a check prints anything). */
export const refuseUnreachable = async (target: BrokerTarget, address: BrokerAddress | undefined): Promise<void> => {
  if (address !== undefined && !(await portOpen(address.host, address.port))) {
    throw new UsageError({ message: `nothing accepts connections at ${address.host}:${address.port} (the ${target.profile.broker} server of --broker-address or QSEM_BROKER_ADDRESS)` })
  }
}

/** Starts the broker's server (unless the user runs it), as one line of error when it cannot. */
export const prepareBroker = async (target: BrokerTarget): Promise<void> => {
  try {
    await target.prepare()
  } catch (error) {
    await target.close().catch(() => undefined)
    const line = String(error instanceof Error ? error.message : error).split("\n")[0]
    throw new UsageError({ message: `cannot start ${target.profile.broker} for target ${target.name}: ${line}` })
  }
}

/** The shipped config name (for `exampleConfig`) of a broker profile's config file. */
export const profileConfigName = (target: BrokerTarget): string =>
  target.profile.configFile.replace(/^examples\/configs\//, "").replace(/\.json$/, "")
