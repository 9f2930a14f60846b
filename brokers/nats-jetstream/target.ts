/**
 * NATS JetStream as a qsem target: `makeNatsTarget(setting, options)` gives a
 * {@link BrokerTarget} whose `prepare` starts nats-server (unless the options
 * name a running server's address) and whose sessions translate the queue
 * commands into JetStream calls (see session.ts for the translation table).
 *
 * @module
 */
import { Effect } from "effect"
import type { BrokerAddress, BrokerTarget, BrokerTargetOptions } from "../brokerTarget.ts"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { natsProfileOf } from "./profile.ts"
import { refusalOf } from "./refusal.ts"
import { natsServerSpec } from "./server.ts"
import { NatsSession } from "./session.ts"
import type { NatsSetting } from "./settings.ts"

/** One line for an error, whatever was thrown. */
const lineOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0]

/**
 * The JetStream target for `setting`. Every `open` connects to the same
 * server and works in streams of its own, deleted at close; `BrokerRestart`
 * restarts the server `prepare` started (with an `address`, it is refused:
 * the session dies with one line).
 */
export const makeNatsTarget = (setting: NatsSetting, options: BrokerTargetOptions = {}): BrokerTarget => {
  let server: ManagedServer | undefined
  let starting: Promise<ManagedServer> | undefined

  const addressOf = (): BrokerAddress | undefined => options.address ?? (server === undefined ? undefined : { host: server.launch.host, port: server.launch.port })

  return {
    name: `nats-jetstream:${setting}`,
    profile: natsProfileOf(setting),
    prepare: async () => {
      if (options.address !== undefined || server !== undefined) return
      starting ??= startServer(natsServerSpec)
      try {
        server = await starting
      } finally {
        starting = undefined
      }
    },
    close: async () => {
      const stopping = server
      server = undefined
      await stopping?.stop()
    },
    open: (config) =>
      Effect.gen(function*() {
        const refusal = refusalOf(config, options.timeScale)
        if (refusal !== undefined) return yield* Effect.die(new Error(refusal))
        const address = addressOf()
        if (address === undefined) return yield* Effect.die(new Error("nats-jetstream: no server (call prepare() first, or give an address)"))
        const managed = server
        const session = yield* Effect.acquireRelease(
          Effect.tryPromise({
            try: () =>
              NatsSession.open({
                config,
                setting,
                address,
                timeScale: options.timeScale,
                restartServer: options.address === undefined && managed !== undefined ? () => managed.restart() : undefined
              }),
            catch: (error) => new Error(`nats-jetstream: cannot open a session on ${address.host}:${address.port}: ${lineOf(error)}`)
          }).pipe(Effect.orDie),
          (session) => Effect.promise(() => session.close())
        )
        return {
          execute: (command) =>
            Effect.tryPromise({
              try: () => session.execute(command),
              catch: (error) => new Error(`nats-jetstream: ${command._tag} failed: ${lineOf(error)}`)
            }).pipe(Effect.orDie)
        }
      })
  }
}
