/**
 * The settings of the JetStream target: where each queue's stream keeps its
 * messages (JetStream's stream `storage`). The server is the same for both.
 *
 * @module
 */
import { StorageType } from "nats"

/** A setting's name, as `--target nats-jetstream:<setting>` spells it. */
export type NatsSetting = "file" | "memory"

/** The settings, the default first. */
export const natsSettings: ReadonlyArray<NatsSetting> = ["file", "memory"]

/** Whether `name` is a setting of the JetStream target. */
export const isNatsSetting = (name: string): name is NatsSetting => (natsSettings as ReadonlyArray<string>).includes(name)

/** The stream storage of a setting: `file` (JetStream's default) or `memory`. */
export const storageOf = (setting: NatsSetting): StorageType => (setting === "memory" ? StorageType.Memory : StorageType.File)
