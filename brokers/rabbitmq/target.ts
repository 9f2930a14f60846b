/**
 * The RabbitMQ target: a {@link BrokerTarget} whose sessions translate qsem's
 * queue commands into AMQP 0-9-1 calls (see session.ts) against a RabbitMQ
 * node that `prepare` starts (see server.ts), or against a user's node at
 * `options.address`.
 *
 * @module
 */
import { Effect } from "effect"
import type { BrokerTarget, BrokerTargetOptions } from "../brokerTarget.ts"
import { timeScaleDefault } from "../realTime.ts"
import type { ManagedServer } from "../server/managedServer.ts"
import type { Config } from "../../spec/config.ts"
import type { TargetSession } from "../../impl/target.ts"
import { rabbitmqProfileOf } from "./profile.ts"
import { rabbitmqRefusalOf } from "./refusal.ts"
import { startRabbitmq } from "./server.ts"
import { quorumQueueSettleMsDefault, RabbitmqSession } from "./session.ts"
import { type RabbitmqSetting, rabbitmqSettingNames, rabbitmqSettingOf } from "./settings.ts"

/** Options of {@link rabbitmqTarget} beyond the broker targets' own. */
export interface RabbitmqTargetOptions extends BrokerTargetOptions {
  /**
   * A server qsem started already, shared with other targets (the tests run
   * every setting against one node): `prepare` then starts none and `close`
   * leaves it running (its owner stops it). A `BrokerRestart` restarts it.
   */
  readonly server?: ManagedServer | undefined
  /** How long after declaring its quorum queues a session lets a `BrokerRestart` kill the node; default `quorumQueueSettleMsDefault` (see session.ts). */
  readonly quorumQueueSettleMs?: number | undefined
}

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim()

/**
 * The RabbitMQ target for setting `settingName` (one of
 * {@link rabbitmqSettingNames}; a `TypeError` for another name).
 *
 * @example
 * ```ts
 * const target = rabbitmqTarget("quorum")
 * await target.prepare()
 * try {
 *   const report = await checkTarget({ target, config, runs: 20, seed: 1, conformance: false })
 * } finally {
 *   await target.close()
 * }
 * ```
 */
export const rabbitmqTarget = (settingName: string, options?: RabbitmqTargetOptions): BrokerTarget => {
  const setting: RabbitmqSetting | undefined = rabbitmqSettingOf(settingName)
  if (setting === undefined) {
    throw new TypeError(`RabbitMQ has no setting ${JSON.stringify(settingName)}; its settings are ${rabbitmqSettingNames.join(", ")}`)
  }
  const timeScale = options?.timeScale ?? timeScaleDefault
  const shared = options?.server
  let owned: ManagedServer | undefined
  let starting: Promise<ManagedServer> | undefined

  const serverOf = (): ManagedServer | undefined => shared ?? owned

  const prepare = async (): Promise<void> => {
    if (options?.address !== undefined || shared !== undefined || owned !== undefined) return
    starting ??= startRabbitmq()
    try {
      owned = await starting
    } finally {
      starting = undefined
    }
  }

  const close = async (): Promise<void> => {
    const server = owned
    owned = undefined
    await server?.stop()
  }

  const open = (config: Config) =>
    Effect.gen(function*() {
      const refusal = rabbitmqRefusalOf(config, setting)
      if (refusal !== undefined) return yield* Effect.die(new Error(refusal))
      const server = serverOf()
      const address = options?.address ?? (server === undefined ? undefined : { host: server.launch.host, port: server.launch.port })
      if (address === undefined) return yield* Effect.die(new Error("RabbitMQ target: no server (call prepare() first, or give the address of a running server)"))
      const session = yield* Effect.acquireRelease(
        Effect.promise(() =>
          RabbitmqSession.open({
            config,
            setting,
            address,
            server: options?.address === undefined ? server : undefined,
            timeScale,
            quorumQueueSettleMs: options?.quorumQueueSettleMs ?? quorumQueueSettleMsDefault
          }).catch((error: unknown) => {
            throw new Error(`RabbitMQ at ${address.host}:${address.port}: ${oneLine(error)}`)
          })
        ),
        (session) => Effect.promise(() => session.close())
      )
      const opened: TargetSession = { execute: (command) => Effect.promise(() => session.execute(command)) }
      return opened
    })

  return { name: `rabbitmq:${setting.name}`, profile: rabbitmqProfileOf(setting), prepare, close, open }
}
