/**
 * `TxnBegin`: 1-3. `NotTransactional`, `ProducerNotInitialized`,
 * `ProducerFenced` (known); 4. `TransactionAlreadyOpen`; 5. the client has
 * begun a transaction (the coordinator learns of it with its first send or
 * offsets). Answer `TxnBegun`.
 *
 * @module
 */
import { TransactionAlreadyOpen } from "../errors.ts"
import { requireInitialized } from "../producer/checks.ts"
import type { Handler } from "./handler.ts"

/** The `TxnBegin` handler. */
export const txnBegin: Handler<"TxnBegin", "TxnBegun"> = (s, { producer }) => {
  const { config, producerClients: clients } = s
  const { client } = requireInitialized(config.producer(producer), clients.get(producer), producer)
  if (client.inTransaction) throw new TransactionAlreadyOpen({ producer })
  clients.update(producer, (current) => ({ ...current, inTransaction: true }))
  return { _tag: "TxnBegun", producer }
}

