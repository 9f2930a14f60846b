/**
 * Why Mosquitto MQTT violates what its checks find violated, tied to the
 * Mosquitto documentation and the MQTT 5 specification (the docs' matrix
 * prints these under each violation).
 *
 * @module
 */
import type { BrokerProfile } from "../brokerTarget.ts"
/** The notes per setting (by name) and guarantee. */
export const mqttViolationNotesOf = (setting: string): NonNullable<BrokerProfile["violationNotes"]> => ({
  QueueNoLossUnderAtLeastOnce: setting === "autosave-on-every-change"
    ? "Mosquitto 2.0.11 does not save shared subscriptions in its database: after a restart the persistent sessions come back (Session Present 1) without their $share subscription, so a client that trusts Session Present (as MQTT 5 §3.2.2.1.1 lets it) never subscribes again, and every later publish is acknowledged with reason code 16 (\"No matching subscribers\") and delivered to no one."
    : setting === "no-persistence"
    ? "Without persistence Mosquitto keeps sessions and queued messages in memory only: a SIGKILL loses every QoS 1 message it acknowledged (PUBACK) and had not delivered."
    : "Mosquitto writes its persistence database only every autosave_interval seconds (1800 here, as in Debian's mosquitto.conf) or at a clean shutdown (mosquitto.conf(5)): a SIGKILL loses every QoS 1 message acknowledged since the last save."
})
