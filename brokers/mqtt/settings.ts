/**
 * The persistence settings qsem runs Mosquitto with: what each writes into
 * `mosquitto.conf` and what it promises across a SIGKILL. Mosquitto keeps
 * its whole state (client sessions, subscriptions, queued and in-flight
 * messages, retained messages) in memory and writes all of it to
 * `mosquitto.db` only at an autosave or a clean shutdown (mosquitto.conf(5),
 * `persistence`: "The data will be written to disk when mosquitto closes and
 * also at periodic intervals as defined by autosave_interval"), so what a
 * SIGKILL keeps is what the last save held.
 *
 * @module
 */

/** One way of running Mosquitto: its name (the `--target mqtt:<name>` suffix), its config lines and what they mean. */
export interface MqttSetting {
  readonly name: string
  /** The persistence lines of `mosquitto.conf` (the listener and the data directory are added by the server spec). */
  readonly lines: ReadonlyArray<string>
  /** The setting as the profile names it. */
  readonly description: string
}

/**
 * Debian's packaged config: `persistence true` with Mosquitto's default
 * `autosave_interval 1800` (30 minutes): a SIGKILL loses everything since the
 * last save, which in a run shorter than half an hour is everything (the
 * sessions and their subscriptions too). The default setting.
 */
export const persistenceAutosave: MqttSetting = {
  name: "persistence-autosave",
  lines: ["persistence true", "autosave_interval 1800", "autosave_on_changes false"],
  description: "persistence true, autosave_interval 1800 (Debian's mosquitto.conf with Mosquitto's default autosave): state written every 30 minutes and at a clean shutdown"
}

/** Mosquitto's own default: `persistence false`, state in memory only. */
export const noPersistence: MqttSetting = {
  name: "no-persistence",
  lines: ["persistence false"],
  description: "persistence false (Mosquitto's default): state in memory only"
}

/**
 * `autosave_on_changes true` with `autosave_interval 1`: the whole
 * in-memory database is written after every change (a subscription, a
 * queued or in-flight message, an acknowledgement): the setting that keeps
 * what a SIGKILL would otherwise lose, except what changed after the last
 * write (Mosquitto answers a PUBACK before it saves).
 */
export const autosaveOnEveryChange: MqttSetting = {
  name: "autosave-on-every-change",
  lines: ["persistence true", "autosave_interval 1", "autosave_on_changes true"],
  description: "persistence true, autosave_on_changes true, autosave_interval 1: the database written after every change"
}

/** The settings, the default first. */
export const mqttSettings: ReadonlyArray<MqttSetting> = [persistenceAutosave, noPersistence, autosaveOnEveryChange]

/** The setting named `name`; throws a one-line Error naming the settings for an unknown one. */
export const mqttSettingOf = (name: string): MqttSetting => {
  const setting = mqttSettings.find((candidate) => candidate.name === name)
  if (setting === undefined) throw new Error(`mqtt has no setting "${name}": its settings are ${mqttSettings.map((known) => known.name).join(", ")}`)
  return setting
}
