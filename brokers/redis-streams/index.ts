/**
 * Redis Streams as a qsem target: `--target redis-streams` (the default
 * setting, `aof-everysec`) or `redis-streams:<setting>` with a setting of
 * {@link redisSettings}.
 *
 * @module
 */
import type { BrokerEntry } from "../brokerTarget.ts"
import { isRedisSetting, redisSettings } from "./server.ts"
import { makeRedisStreamsTarget } from "./target.ts"

export { makeRedisStreamsTarget, type RedisStreamsTarget } from "./target.ts"
export { redisStreamsProfileOf } from "./profile.ts"
export { redisSettings, type RedisSetting } from "./server.ts"

/** The Redis Streams broker of the kit: its name, its settings (`aof-everysec` first) and its targets. */
export const redisStreamsEntry: BrokerEntry = {
  name: "redis-streams",
  settings: redisSettings,
  make: (setting, options) => {
    if (!isRedisSetting(setting)) throw new Error(`redis-streams has no setting ${JSON.stringify(setting)} (its settings: ${redisSettings.join(", ")})`)
    return makeRedisStreamsTarget(setting, options)
  }
}
