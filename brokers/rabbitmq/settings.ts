/**
 * The RabbitMQ target's settings: what kind of queue each qsem queue becomes
 * and how its messages are published. The server is the same for every
 * setting (see server.ts); a setting only changes the queues a session
 * declares and the delivery mode of its publishes, which is exactly what
 * decides what a SIGKILL of the broker keeps.
 *
 * @module
 */

/** The names of the settings, the default first. */
export const rabbitmqSettingNames = ["quorum", "classic-transient", "classic-durable"] as const

/** One of {@link rabbitmqSettingNames}. */
export type RabbitmqSettingName = (typeof rabbitmqSettingNames)[number]

/** How one setting declares its queues and publishes to them. */
export interface RabbitmqSetting {
  readonly name: RabbitmqSettingName
  /** `x-queue-type`: a Raft-replicated quorum queue, or a classic queue. */
  readonly queueType: "quorum" | "classic"
  /** Whether the queue is declared durable (its definition survives a restart). */
  readonly durable: boolean
  /** Whether messages are published persistent (delivery mode 2) rather than transient (1). */
  readonly persistent: boolean
  /**
   * Whether a restart keeps the queue's messages, as RabbitMQ documents it:
   * after a `BrokerRestart` the adapter waits (boundedly) until each queue
   * holds what it held before, its returned deliveries included. A setting
   * documented to lose them is not waited for.
   */
  readonly keepsMessages: boolean
  /** The setting as the profile states it, one line. */
  readonly description: string
}

/** The settings by name. */
export const rabbitmqSettings: Readonly<Record<RabbitmqSettingName, RabbitmqSetting>> = {
  quorum: {
    name: "quorum",
    queueType: "quorum",
    durable: true,
    persistent: true,
    keepsMessages: true,
    description:
      "quorum queues (x-queue-type quorum, durable, one node), persistent messages, publisher confirms; a redrive policy is x-delivery-limit with an at-least-once dead-letter strategy to the dead-letter queue"
  },
  "classic-transient": {
    name: "classic-transient",
    queueType: "classic",
    durable: false,
    persistent: false,
    keepsMessages: false,
    description: "classic queues declared non-durable, transient messages (delivery mode 1), publisher confirms"
  },
  "classic-durable": {
    name: "classic-durable",
    queueType: "classic",
    durable: true,
    persistent: true,
    keepsMessages: true,
    description: "classic queues declared durable, persistent messages (delivery mode 2), publisher confirms"
  }
}

/** The setting named `name`, or `undefined` for a name that is none of {@link rabbitmqSettingNames}. */
export const rabbitmqSettingOf = (name: string): RabbitmqSetting | undefined =>
  (rabbitmqSettingNames as ReadonlyArray<string>).includes(name) ? rabbitmqSettings[name as RabbitmqSettingName] : undefined
