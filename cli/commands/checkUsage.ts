/**
 * The usage text of `qsem check`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

import { soakCommandsMaxDefault, soakRunsDefault, soakSegmentLength } from "../../properties/soakSizes.ts"
import { seedMax, seedMin } from "../seed.ts"

/** Usage text of `qsem check`. */
export const checkUsage = `qsem check [--target builtin|builtin-sql|model|mutant:<name>|<broker>[:<setting>]|stdio:<command line>|<module path>]
           [--runs N] [--seed S] [--commands-max N] [--config FILE] [--traces DIR] [--guarantees ID,ID...]
           [--guarantees-only] [--stats] [--soak] [--answer-timeout MS] [--workers N] [--broker-address HOST:PORT]
  Generates runs, executes them in lockstep on the target and the model, checks every guarantee
  (or only those --guarantees names), prints a summary, and saves a shrunk counterexample to DIR
  (default traces/) when one fails. --seed S: an integer from ${seedMin} to ${seedMax}.
  A config file may leave out bounds (defaults fill in; a misspelled field is refused) and list
  in witnessesOptional the guarantees it cannot witness; examples/configs/ has examples.
  --guarantees-only: a divergence from the model does not fail a run (for targets whose answers
  may legitimately differ, such as a real broker); the guarantees are still checked on its history.
  --stats: also prints what the runs exercised: command kinds, answers, each guarantee's witness,
  run lengths, key classes, rebalances per run, session expiries at the boundary, heartbeat ages,
  poll sizes (shares, fast-check statistics style).
  --soak: long runs in one broker: ${soakRunsDefault} runs (unless --runs) of up to ${soakCommandsMaxDefault} commands (unless
  --commands-max), made of ${soakSegmentLength}-command segments; a failure shrinks by whole segments.
  --answer-timeout MS: real milliseconds to wait for an answer that does not come at once (default
  10000); once the target hung, later runs (shrinking included) give it 4 times its slowest answer
  so far, at least 100 ms.
  --workers N: threads for the exploring runs, this one and N-1 worker threads (default: QSEM_WORKERS
  if set; else for builtin, model and the mutants a thread per 300,000 commands the runs may have, or
  5,000 runs of the default config, since a worker thread takes about a second and a half to load and
  warm up, more than it saves on a smaller share; for other targets, whose commands cost more, the
  machine's cores; never more than the cores); 1 runs everything in one thread, as a target that
  keeps state from run to run needs. The runs, the verdicts, the figures, the first failing run and the saved trace
  are the same for any N with the same seed; shrinking runs in the main thread. A target a worker
  cannot load falls back to one thread, with a note.
  <broker>: a real broker (redis-streams, nats-jetstream, rabbitmq, mqtt; docs/semantics.md "Real
  brokers"): qsem starts its server from the Debian package on loopback with a data directory of its
  own, runs its shipped config (examples/configs/brokers/) unless --config, one run at a time, judged
  as its profile says (lockstep, or guarantees only), and stops the server at the end.
  --broker-address HOST:PORT (or QSEM_BROKER_ADDRESS): check a server you run instead (no BrokerRestart).`