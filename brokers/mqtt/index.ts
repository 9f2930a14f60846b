/**
 * Mosquitto MQTT as a qsem target (`--target mqtt`, `mqtt:<setting>`): see
 * `profile.ts` for what it is checked against and `settings.ts` for its
 * persistence settings.
 *
 * @module
 */
import type { BrokerEntry } from "../brokerTarget.ts"
import { mqttSettings } from "./settings.ts"
import { makeMqttTarget } from "./target.ts"

/** The MQTT broker entry: its settings (the default, `persistence-autosave`, first) and its target. */
export const mqttEntry: BrokerEntry = {
  name: "mqtt",
  settings: mqttSettings.map((setting) => setting.name),
  make: (setting, options) => makeMqttTarget(setting, options)
}

export { makeMqttTarget } from "./target.ts"
export { mqttProfileOf, mqttJudgedGuarantees } from "./profile.ts"
export { mqttSettings } from "./settings.ts"
