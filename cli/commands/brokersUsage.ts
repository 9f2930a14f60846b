/**
 * The usage text of `qsem brokers`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** Usage text of `qsem brokers`. */
export const brokersUsage = `qsem brokers [--only TARGET,TARGET...] [--runs N] [--seed S]
  Checks every real broker in every setting (redis-streams, nats-jetstream, rabbitmq, mqtt; qsem starts
  each server from its Debian package), guarantee by guarantee, runs the crash scenario (acknowledged
  sends, a SIGKILL restart, a drain), and writes docs/brokers/results.json (what npm run docs renders as
  the "Real brokers" matrix) with a trace in traces/brokers/ for every violation. --only TARGET,...:
  only these rows (a broker name for all its settings, or broker:setting); the other rows of the file
  stay. --runs N: runs per check (default 20). --seed S: default 1, so a rerun asks the same runs.`
