/**
 * Mosquitto as a server qsem starts: `mosquitto -c <dataDir>/mosquitto.conf`
 * with a config file of its own (a loopback listener on the free port,
 * anonymous clients, the setting's persistence lines, the database in the
 * data directory), ready once its port accepts a connection.
 *
 * @module
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import type { ServerLaunch, ServerSpec } from "../server/managedServer.ts"
import type { MqttSetting } from "./settings.ts"

/** The config file's name inside the data directory. */
export const mosquittoConfFile = "mosquitto.conf"

/**
 * The `mosquitto.conf` of a start. `user` keeps a broker started as root
 * running as root (Mosquitto would otherwise drop to the `mosquitto` user,
 * which cannot write the data directory); it has no effect for anyone else.
 * `max_queued_messages 1000` is Mosquitto's default, stated: past it a
 * session's queue drops QoS 1 messages silently. `queue_qos0_messages
 * false` (the default, stated too): QoS 0 messages are not queued for a
 * disconnected session.
 */
export const mosquittoConf = (launch: ServerLaunch, setting: MqttSetting): string =>
  [
    `# written by qsem for the setting ${setting.name}`,
    `listener ${launch.port} ${launch.host}`,
    "allow_anonymous true",
    `user ${os.userInfo().username}`,
    ...setting.lines,
    `persistence_location ${launch.dataDir}${path.sep}`,
    "persistence_file mosquitto.db",
    "max_queued_messages 1000",
    "queue_qos0_messages false",
    "log_dest stderr",
    "log_type error",
    "log_type warning",
    ""
  ].join("\n")

/** How qsem runs Mosquitto with `setting` (Debian package `mosquitto`). */
export const mosquittoSpec = (setting: MqttSetting): ServerSpec => ({
  broker: "Mosquitto",
  program: "mosquitto",
  debianPackage: "mosquitto",
  command: (launch) => {
    const file = path.join(launch.dataDir, mosquittoConfFile)
    fs.writeFileSync(file, mosquittoConf(launch, setting))
    return { args: ["-c", file] }
  },
  startTimeoutMs: 15_000
})
