/**
 * Broker faults in generated runs: the broker process is killed and restarted
 * (`BrokerRestart`), on configs that ask for it (`brokerRestarts`).
 *
 * @module
 */
import type { Action } from "./context.ts"

/** The broker dies (SIGKILL) and comes back from its data; every queue consumer loses its client. */
export const brokerRestart: Action = {
  name: "broker-restart",
  weight: 2,
  enabled: (context) => context.config.brokerRestarts === true,
  make: () => ({ _tag: "BrokerRestart" })
}

/** The broker's fault actions (last in the action order: configs without `brokerRestarts` decode as before). */
export const brokerActions: ReadonlyArray<Action> = [brokerRestart]
