/**
 * The Redis Streams target: a {@link BrokerTarget} whose sessions translate
 * qsem's queue commands into Redis stream commands (see session.ts), on a
 * `redis-server` qsem starts in one of the persistence settings of
 * server.ts, or on a user's server at an address.
 *
 * @example
 * ```ts
 * const target = makeRedisStreamsTarget("aof-always")
 * await target.prepare()
 * const report = await checkTarget({ target, config, runs: 20, seed: 1, conformance: false })
 * await target.close()
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import type { BrokerTarget, BrokerTargetOptions } from "../brokerTarget.ts"
import { type ManagedServer, startServer } from "../server/managedServer.ts"
import { configProblemOf } from "./configSupport.ts"
import { redisStreamsProfileOf } from "./profile.ts"
import { redisServerSpec, type RedisSetting } from "./server.ts"
import { RedisStreamsSession } from "./session.ts"

/** A Redis Streams target, with the real time its broker restarts took. */
export interface RedisStreamsTarget extends BrokerTarget {
  /** The real milliseconds of every `BrokerRestart` so far (kill, start, ready, reconnect), in order. */
  readonly restartTimesMs: ReadonlyArray<number>
  /** The last lines the server qsem started printed ("" without one): its log, for what it says about persistence. */
  readonly serverOutput: () => string
}

/** The Redis Streams target of a setting (its name: `redis-streams:<setting>`). */
export const makeRedisStreamsTarget = (setting: RedisSetting, options?: BrokerTargetOptions): RedisStreamsTarget => {
  let server: ManagedServer | undefined
  let starting: Promise<ManagedServer> | undefined
  const restartTimesMs: Array<number> = []
  const name = `redis-streams:${setting}`

  const prepare = async (): Promise<void> => {
    if (options?.address !== undefined || server !== undefined) return
    starting ??= startServer(redisServerSpec(setting))
    try {
      server = await starting
    } finally {
      starting = undefined
    }
  }

  const close = async (): Promise<void> => {
    const stopping = server
    server = undefined
    await stopping?.stop()
  }

  return {
    name,
    profile: redisStreamsProfileOf(setting),
    restartTimesMs,
    serverOutput: () => server?.output() ?? "",
    prepare,
    close,
    open: (config) =>
      Effect.gen(function*() {
        const problem = configProblemOf(config)
        if (problem !== undefined) return yield* Effect.die(new Error(`${name} cannot run this config: ${problem}`))
        const address = options?.address ?? (server === undefined ? undefined : { host: server.launch.host, port: server.launch.port })
        if (address === undefined) return yield* Effect.die(new Error(`${name} has no server: call prepare() first, or give the address of a running one`))
        const sessionServer = { address, managed: options?.address === undefined ? server : undefined, onRestart: (ms: number) => restartTimesMs.push(ms) }
        const session = yield* Effect.acquireRelease(
          Effect.promise(() => RedisStreamsSession.open(sessionServer, config, options?.timeScale)),
          (opened) => Effect.promise(() => opened.close())
        )
        return { execute: (command) => Effect.promise(() => session.execute(command)) }
      })
  }
}
