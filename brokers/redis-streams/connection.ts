/**
 * The adapter's connection to Redis: one ioredis client per session, made to
 * fail fast. It does not queue commands while disconnected
 * (`enableOfflineQueue: false`), does not retry a command
 * (`maxRetriesPerRequest: 0`) and does not reconnect on its own
 * (`retryStrategy` returns null): a dead server is an error at once, which
 * the session turns into a target failure, and a `BrokerRestart` reconnects
 * explicitly.
 *
 * Redis keeps no per-connection state that the queue commands rely on: a
 * consumer is a name inside a consumer group, and its pending entries belong
 * to the group, not to a connection. So the consumers of a session share
 * one client, and a consumer's crash closes nothing at Redis.
 *
 * @module
 */
import { Redis } from "ioredis"
import type { BrokerAddress } from "../brokerTarget.ts"

/** A Redis command that failed: one line naming the command and Redis's (or the connection's) error. */
export class RedisCommandFailed extends Error {
  constructor(readonly command: string, cause: unknown) {
    super(`Redis ${command} failed: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = "RedisCommandFailed"
  }
}

/** Opens a client (RESP2) to `address` and waits until it is connected; rejects with one line when it cannot. */
export const connectRedis = async (address: BrokerAddress): Promise<Redis> => {
  const client = new Redis({
    host: address.host,
    port: address.port,
    // RESP2: the reply shapes the Redis docs show (ioredis 6 speaks RESP3 by default, where XREADGROUP answers a map).
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5_000,
    commandTimeout: 5_000,
    enableReadyCheck: true
  })
  // ioredis reports connection errors as events too; the failing command carries them.
  client.on("error", () => undefined)
  try {
    await client.connect()
  } catch (error) {
    client.disconnect()
    throw new Error(`cannot connect to Redis at ${address.host}:${address.port}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return client
}

/** Runs one Redis command by name (`client.call`), a failure becoming {@link RedisCommandFailed}. */
export const redisCall = async (client: Redis, command: string, ...args: ReadonlyArray<string | number>): Promise<unknown> => {
  try {
    return await client.call(command, [...args])
  } catch (error) {
    throw new RedisCommandFailed(command, error)
  }
}

/** Whether a failed command's error is Redis's reply `prefix` (`BUSYGROUP`, `NOGROUP`). */
export const isRedisError = (error: unknown, prefix: string): boolean =>
  error instanceof RedisCommandFailed && error.message.includes(`failed: ${prefix}`)
