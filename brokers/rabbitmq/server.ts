/**
 * The RabbitMQ server qsem starts: the Debian package's node (rabbitmq-server
 * 3.10 on Erlang/OTP 25), run as the current user (not as a service), on
 * loopback with free ports and a data directory of its own:
 *
 * - the AMQP listener on the client port, only on 127.0.0.1; the Erlang
 *   distribution on the first extra port and epmd (Erlang's port mapper,
 *   which the node starts as a daemon of its own) on the second, also only
 *   on loopback; the node is `qsem-<port>@localhost`, so two servers of two
 *   test files never meet;
 * - everything the node writes (Mnesia and the quorum queues' Raft logs,
 *   logs, the feature-flag file, the Erlang cookie in `HOME`) inside the
 *   data directory; no plugin (an empty enabled-plugins file: no management
 *   UI, no shovel); `/etc/rabbitmq/rabbitmq-env.conf` is not read;
 * - ready once an AMQP connection opens (the listener opens last, after the
 *   queues recovered), not merely once the port accepts TCP.
 *
 * The entry point is `/usr/lib/rabbitmq/bin/rabbitmq-server`: the
 * `/usr/sbin/rabbitmq-server` wrapper switches to the `rabbitmq` user, which
 * cannot use qsem's data directory. epmd is started first, in the node's
 * process group (erl would otherwise start it as a daemon that outlives the
 * node). A `BrokerRestart` SIGKILLs that process group and starts both again
 * under the same node name; `stop` leaves nothing listening.
 *
 * Measured on a 2-core machine: about 5 to 7 s to start, about 5 to 6 s to
 * restart (Erlang and RabbitMQ boot, then the quorum queues recover).
 *
 * @module
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import amqp from "amqplib"
import { type ManagedServer, type ServerLaunch, type ServerSpec, ServerMissing, startServer } from "../server/managedServer.ts"
import { findExecutable } from "../server/executable.ts"

/** Where the Debian package puts the node's real start script. */
export const rabbitmqEntryPoint = "/usr/lib/rabbitmq/bin/rabbitmq-server"

/** The user and password of a fresh node (the `guest` user, allowed on loopback only, which is where qsem connects). */
export const rabbitmqCredentials = { username: "guest", password: "guest" } as const

/** The node's configuration (rabbitmq.conf syntax) for a listener on `launch`. */
export const rabbitmqConf = (launch: ServerLaunch): string =>
  [
    `listeners.tcp.default = ${launch.host}:${launch.port}`,
    // Log to the console (the managed server keeps its last lines for error messages), warnings and up.
    "log.console = true",
    "log.console.level = warning",
    "log.file = false",
    // A small disk is no reason to block publishers in a test.
    "disk_free_limit.absolute = 1MB",
    ""
  ].join("\n")

/** The node name of a server whose client port is `port`. */
export const rabbitmqNodeName = (port: number): string => `qsem-${port}@localhost`

const environmentOf = (launch: ServerLaunch): Record<string, string> => {
  const at = (name: string) => path.join(launch.dataDir, name)
  const [distPort, epmdPort] = launch.extraPorts
  return {
    HOME: launch.dataDir,
    RABBITMQ_CONF_ENV_FILE: at("rabbitmq-env.conf"),
    RABBITMQ_NODENAME: rabbitmqNodeName(launch.port),
    RABBITMQ_NODE_IP_ADDRESS: launch.host,
    RABBITMQ_NODE_PORT: String(launch.port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: launch.host,
    RABBITMQ_CONFIG_FILE: at("rabbitmq.conf"),
    RABBITMQ_ADVANCED_CONFIG_FILE: at("advanced.config"),
    RABBITMQ_ENABLED_PLUGINS_FILE: at("enabled_plugins"),
    RABBITMQ_PLUGINS_EXPAND_DIR: at("plugins-expand"),
    RABBITMQ_MNESIA_BASE: at("mnesia"),
    RABBITMQ_MNESIA_DIR: at(path.join("mnesia", "node")),
    RABBITMQ_FEATURE_FLAGS_FILE: at("feature_flags"),
    RABBITMQ_LOG_BASE: at("log"),
    RABBITMQ_PID_FILE: at("node.pid")
  }
}

/** Whether an AMQP connection to the node opens now (and closes it again). */
export const amqpReady = async (launch: ServerLaunch): Promise<boolean> => {
  try {
    const connection = await amqp.connect({ protocol: "amqp", hostname: launch.host, port: launch.port, ...rabbitmqCredentials }, { timeout: 2_000 })
    connection.on("error", () => {})
    await connection.close().catch(() => {})
    return true
  } catch {
    return false
  }
}

/** Quotes `text` for a POSIX shell. */
const shellQuoted = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`

/**
 * The shell script a start runs: epmd first, in the foreground of a
 * background job (so it stays in the node's process group: a SIGKILL of the
 * group, a restart's or the exit hook's, takes it too), waited for until it
 * answers, then the node's start script in its place (`exec`). When erl
 * starts, it finds epmd running on `ERL_EPMD_PORT` and starts no daemon of
 * its own, which would outlive the group. Without epmd installed apart, the
 * node starts it as a daemon and `cleanup` kills it.
 */
const startScript = (launch: ServerLaunch): string => {
  const epmd = findExecutable("epmd", ["/usr/lib/erlang/bin"])
  const start = `exec ${shellQuoted(rabbitmqEntryPoint)}`
  if (epmd === undefined) return start
  const port = String(launch.extraPorts[1])
  const quoted = shellQuoted(epmd)
  return [
    `${quoted} -port ${port} -address ${launch.host} &`,
    "i=0",
    `until ${quoted} -port ${port} -names >/dev/null 2>&1; do i=$((i+1)); [ "$i" -gt 500 ] && break; sleep 0.01; done`,
    start
  ].join("\n")
}

/** Runs `epmd -kill` against the launch's epmd port once; resolves with whether epmd is gone (killed now, or not running). */
const epmdKillOnce = (epmd: string, launch: ServerLaunch): Promise<boolean> =>
  new Promise((resolve) => {
    const env = { ...process.env, ERL_EPMD_PORT: String(launch.extraPorts[1]), ERL_EPMD_ADDRESS: launch.host }
    execFile(epmd, ["-kill"], { env, timeout: 5_000 }, (_error, stdout, stderr) => {
      const said = `${stdout}${stderr}`
      resolve(said.includes("Killed") || said.includes("Cannot connect"))
    })
  })

/**
 * Kills an epmd still answering on the launch's epmd port (one the node
 * started as a daemon, outside its process group, when the start script could
 * not start it first). epmd refuses while it still lists the node, which it
 * does until it notices the killed node's connection closed: so it is asked
 * again, for up to 3 s.
 */
const killEpmd = async (launch: ServerLaunch): Promise<void> => {
  const epmd = findExecutable("epmd", ["/usr/lib/erlang/bin"])
  if (epmd === undefined) return
  const deadline = performance.now() + 3_000
  while (!(await epmdKillOnce(epmd, launch)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * The ServerSpec of the RabbitMQ node. Its `program` is `sh` running
 * {@link rabbitmqEntryPoint}: the managed server looks programs up on the
 * PATH first, where `rabbitmq-server` is the wrapper that switches user.
 * {@link startRabbitmq} checks that the package is installed first.
 */
export const rabbitmqServerSpec: ServerSpec = {
  broker: "RabbitMQ",
  program: "sh",
  debianPackage: "rabbitmq-server",
  extraPortsCount: 2,
  command: (launch) => {
    fs.writeFileSync(path.join(launch.dataDir, "rabbitmq.conf"), rabbitmqConf(launch))
    fs.writeFileSync(path.join(launch.dataDir, "enabled_plugins"), "[].\n")
    return { args: ["-c", startScript(launch), "rabbitmq-server"], env: environmentOf(launch) }
  },
  ready: amqpReady,
  startTimeoutMs: 60_000,
  cleanup: killEpmd
}

/** What a missing package is reported as: the spec as the package names it (`rabbitmq-server`, not `sh`). */
const missingSpec: ServerSpec = { ...rabbitmqServerSpec, program: "rabbitmq-server" }

/** Whether the Debian package's node is installed here. */
export const rabbitmqInstalled = (): boolean => {
  try {
    fs.accessSync(rabbitmqEntryPoint, fs.constants.X_OK)
    return findExecutable("erl") !== undefined
  } catch {
    return false
  }
}

/**
 * Starts a RabbitMQ node qsem owns and waits until it accepts AMQP clients.
 * Rejects with a one-line {@link ServerMissing} ("install the Debian package
 * rabbitmq-server") when the package is not installed.
 */
export const startRabbitmq = async (): Promise<ManagedServer> => {
  if (!rabbitmqInstalled()) throw new ServerMissing(missingSpec)
  return startServer(rabbitmqServerSpec)
}
