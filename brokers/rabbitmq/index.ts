/**
 * RabbitMQ as a qsem target: `--target rabbitmq` (setting `quorum`), or
 * `rabbitmq:classic-transient`, `rabbitmq:classic-durable`.
 *
 * @module
 */
import type { BrokerEntry } from "../brokerTarget.ts"
import { rabbitmqTarget } from "./target.ts"
import { rabbitmqSettingNames } from "./settings.ts"

export { rabbitmqProfileOf, rabbitmqProfiles } from "./profile.ts"
export { rabbitmqTarget, type RabbitmqTargetOptions } from "./target.ts"
export { rabbitmqSettingNames, rabbitmqSettings, type RabbitmqSetting, type RabbitmqSettingName } from "./settings.ts"
export { startRabbitmq } from "./server.ts"

/** The RabbitMQ broker of the kit: settings `quorum` (the default), `classic-transient` and `classic-durable`. */
export const rabbitmqEntry: BrokerEntry = {
  name: "rabbitmq",
  settings: rabbitmqSettingNames,
  make: (setting, options) => rabbitmqTarget(setting, options)
}
