/**
 * The Redis server qsem starts for the Redis Streams target: `redis-server`
 * 7.0 on loopback, its config file written into its own data directory, in
 * one of three persistence settings, so that a SIGKILL restart shows what
 * each keeps:
 *
 * - `aof-everysec` (the default): `appendonly yes`, `appendfsync everysec`
 *   (Redis's own default for the append-only file);
 * - `aof-always`: `appendonly yes`, `appendfsync always`;
 * - `rdb`: `appendonly no` with Debian's snapshot rules `save 3600 1 300 100
 *   60 10000` (a snapshot after an hour with one change, five minutes with a
 *   hundred, a minute with ten thousand).
 *
 * The AOF settings turn RDB snapshots off (`save ""`): with `appendonly yes`
 * Redis loads the append-only file at start and ignores the snapshot, so a
 * snapshot would only cost forks.
 *
 * @module
 */
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import type { ServerLaunch, ServerSpec } from "../server/managedServer.ts"

/** The settings of the Redis Streams target, the default first. */
export const redisSettings = ["aof-everysec", "aof-always", "rdb"] as const

/** One of {@link redisSettings}. */
export type RedisSetting = (typeof redisSettings)[number]

/** Whether `name` is a setting of the Redis Streams target. */
export const isRedisSetting = (name: string): name is RedisSetting => (redisSettings as ReadonlyArray<string>).includes(name)

/** The persistence lines of each setting's redis.conf. */
export const persistenceOf: Readonly<Record<RedisSetting, ReadonlyArray<string>>> = {
  "aof-everysec": ["appendonly yes", "appendfsync everysec", "save \"\""],
  "aof-always": ["appendonly yes", "appendfsync always", "save \"\""],
  rdb: ["appendonly no", "save 3600 1 300 100 60 10000"]
}

/** The whole redis.conf of a start: loopback, the launch's port and data directory, logs to stdout (level notice), and the setting's persistence. */
export const redisConfOf = (setting: RedisSetting, launch: ServerLaunch): string =>
  [
    `port ${launch.port}`,
    `bind ${launch.host}`,
    "protected-mode no",
    "daemonize no",
    "supervised no",
    `dir ${launch.dataDir}`,
    "dbfilename dump.rdb",
    "appenddirname appendonlydir",
    "logfile \"\"",
    // notice: the level of "Asynchronous AOF fsync is taking too long", the sign of a postponed AOF write.
    "loglevel notice",
    ...persistenceOf[setting],
    ""
  ].join("\n")

/**
 * Whether the Redis server at the launch's address answers `PING` with
 * `PONG`. Redis accepts connections before it has loaded its data (and
 * answers `-LOADING` meanwhile), so an open port is not enough.
 */
export const redisAnswersPing = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port })
    let reply = ""
    const done = (ok: boolean) => {
      socket.removeAllListeners()
      socket.destroy()
      resolve(ok)
    }
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString("utf8")
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"))
    })
    socket.once("error", () => done(false))
    socket.setTimeout(1_000, () => done(false))
  })

/**
 * The line Redis logs (level notice) when, under `appendfsync everysec`, it
 * had postponed the write(2) of the AOF buffer for 2 s behind a background
 * fsync still running, and writes it anyway (aof.c `flushAppendOnlyFile`).
 * Shorter postponements are not logged. In Redis 7.0 `beforeSleep` sends the
 * replies after `flushAppendOnlyFile` whether or not it postponed the write,
 * so while a write is postponed, acknowledged commands exist only in the
 * process's memory, and a process kill loses them.
 */
export const aofWritePostponedLine = "Asynchronous AOF fsync is taking too long"

/** The server spec of a setting: `redis-server <dataDir>/redis.conf`, ready once it answers `PING`. */
export const redisServerSpec = (setting: RedisSetting): ServerSpec => ({
  broker: "Redis",
  program: "redis-server",
  debianPackage: "redis-server",
  command: (launch) => {
    const file = path.join(launch.dataDir, "redis.conf")
    fs.writeFileSync(file, redisConfOf(setting, launch))
    return { args: [file] }
  },
  ready: (launch) => redisAnswersPing(launch.host, launch.port),
  startTimeoutMs: 20_000
})
