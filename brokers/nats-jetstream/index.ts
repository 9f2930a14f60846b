/**
 * NATS JetStream as a qsem target (`--target nats-jetstream[:file|memory]`):
 * the entry the CLI and the tests resolve it by.
 *
 * @module
 */
import type { BrokerEntry } from "../brokerTarget.ts"
import { isNatsSetting, natsSettings } from "./settings.ts"
import { makeNatsTarget } from "./target.ts"

export { natsConfigFile, natsProfileOf } from "./profile.ts"
export { natsServerSpec } from "./server.ts"
export { makeNatsTarget } from "./target.ts"

/**
 * The JetStream broker entry: settings `file` (the default: stream storage
 * on files) and `memory` (stream storage in memory). `make` throws for a
 * setting it does not know.
 *
 * @example
 * ```ts
 * const target = natsJetStreamEntry.make("memory")
 * await target.prepare()
 * // checkTarget({ target, config, runs: 8, seed: 1, conformance: false })
 * await target.close()
 * ```
 */
export const natsJetStreamEntry: BrokerEntry = {
  name: "nats-jetstream",
  settings: natsSettings,
  make: (setting, options) => {
    if (!isNatsSetting(setting)) throw new Error(`nats-jetstream has no setting ${JSON.stringify(setting)} (settings: ${natsSettings.join(", ")})`)
    return makeNatsTarget(setting, options)
  }
}
