/**
 * The MQTT target: Mosquitto 2.0 as a qsem target, for one persistence
 * setting. `prepare` starts the server (unless the options name a running
 * one), each `open` runs a fresh {@link MqttQueueAdapter} on it in names of
 * its own, and closing the session ends every session of the run.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import { Effect } from "effect"
import type { BrokerTarget, BrokerTargetOptions } from "../brokerTarget.ts"
import { RealTime } from "../realTime.ts"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { MqttQueueAdapter } from "./adapter.ts"
import { mqttProfileOf } from "./profile.ts"
import { mqttRefusalOf } from "./refusal.ts"
import { mosquittoSpec } from "./server.ts"
import { mqttSettingOf } from "./settings.ts"

/** How long the adapter waits for any answer of Mosquitto before the target dies: 10 s. */
export const mqttAnswerTimeoutMs = 10_000

/** The MQTT target, with what tests look at besides the Target. */
export interface MqttTarget extends BrokerTarget {
  /** The server qsem started, once `prepare` ran. */
  readonly server: () => ManagedServer | undefined
  /** The adapter of the session opened last (its counters: sends routed to no session, sessions a restart lost). */
  readonly lastAdapter: () => MqttQueueAdapter | undefined
}

/**
 * The MQTT target for the setting named `settingName` (see `settings.ts`):
 * with `options.address`, on a Mosquitto already running there (its
 * persistence is whatever that server runs with, and `BrokerRestart` is
 * refused); otherwise on a server qsem starts at `prepare` (or at the first
 * `open`) and stops at `close`.
 *
 * @example
 * ```ts
 * const target = makeMqttTarget("autosave-on-every-change")
 * await target.prepare()
 * try {
 *   const report = await checkTarget({ target, config, runs: 20, seed: 1, conformance: false })
 * } finally {
 *   await target.close()
 * }
 * ```
 */
export const makeMqttTarget = (settingName: string, options: BrokerTargetOptions = {}): MqttTarget => {
  const setting = mqttSettingOf(settingName)
  let server: ManagedServer | undefined = undefined
  let starting: Promise<void> | undefined = undefined
  let lastOpened: MqttQueueAdapter | undefined = undefined
  const prepare = (): Promise<void> => {
    if (options.address !== undefined) return Promise.resolve()
    starting ??= startServer(mosquittoSpec(setting)).then((started) => {
      server = started
    })
    return starting
  }
  const close = async (): Promise<void> => {
    const started = starting
    starting = undefined
    if (started === undefined) return
    await started.catch(() => undefined)
    const stopping = server
    server = undefined
    await stopping?.stop()
  }
  const address = (): { readonly host: string; readonly port: number } => {
    if (options.address !== undefined) return options.address
    if (server === undefined) throw new Error("the mqtt target's server is not started")
    return { host: server.launch.host, port: server.launch.port }
  }
  return {
    name: `mqtt:${setting.name}`,
    profile: mqttProfileOf(setting),
    prepare,
    close,
    server: () => server,
    lastAdapter: () => lastOpened,
    open: (config) =>
      Effect.gen(function*() {
        const refusal = mqttRefusalOf(config)
        if (refusal !== undefined) return yield* Effect.die(new Error(refusal))
        yield* Effect.promise(() => prepare())
        const { host, port } = address()
        const restart = options.address === undefined ? () => server!.restart() : undefined
        const adapter = yield* Effect.acquireRelease(
          Effect.promise(() =>
            MqttQueueAdapter.open({
              host,
              port,
              config,
              realTime: new RealTime(config, options.timeScale),
              restart,
              answerTimeoutMs: mqttAnswerTimeoutMs,
              runId: randomBytes(4).toString("hex")
            })
          ),
          (opened) => Effect.promise(() => opened.close())
        )
        lastOpened = adapter
        return { execute: (command) => Effect.promise(() => adapter.execute(command)) }
      })
  }
}
