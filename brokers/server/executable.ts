/**
 * Finding a broker's server program: on the PATH, or where its Debian package
 * puts it (`/usr/sbin`, `/usr/lib/rabbitmq/bin`, ...).
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"

/** Folders a Debian package puts server programs in, searched after the PATH. */
const systemFolders = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]

/**
 * The full path of `program` (a bare name) in `extraFolders` (first: a
 * package's own folder beats a wrapper of the same name on the PATH, as
 * /usr/sbin/rabbitmq-server wraps /usr/lib/rabbitmq/bin/rabbitmq-server), on
 * the PATH, or in the system folders; `undefined` when missing.
 */
export const findExecutable = (program: string, extraFolders: ReadonlyArray<string> = []): string | undefined => {
  const folders = [...extraFolders, ...(process.env.PATH ?? "").split(path.delimiter).filter((folder) => folder !== ""), ...systemFolders]
  for (const folder of folders) {
    const candidate = path.join(folder, program)
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      if (fs.statSync(candidate).isFile()) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}
