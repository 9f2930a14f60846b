/**
 * Reading an input file (a config, a trace) safely: only a regular file, only
 * up to a size limit, and never blocking, so a FIFO, `/dev/zero`, a socket or
 * a directory named where a file was expected gets one clear reason instead
 * of a hang or an unbounded read.
 *
 * @module
 */
import * as fs from "node:fs"
import { Result } from "effect"

/**
 * The largest input file qsem reads: 16 MiB. A trace of 100,000 commands
 * with both answer lists takes a few MiB; a config takes a few KiB.
 */
export const inputFileBytesMax = 16 * 1024 * 1024

const bytesShown = (bytes: number): string => `${bytes.toLocaleString("en-US")} bytes`

const limitShown = `qsem reads files up to 16 MiB (${bytesShown(inputFileBytesMax)})`

/** What a file that is not a regular file is, in words (`a named pipe (FIFO)`, `a character device`...). */
export const fileKindOf = (stats: fs.Stats): string =>
  stats.isDirectory() ? "a directory"
  : stats.isFIFO() ? "a named pipe (FIFO)"
  : stats.isCharacterDevice() ? "a character device"
  : stats.isBlockDevice() ? "a block device"
  : stats.isSocket() ? "a socket"
  : "not a regular file"

/** An error of the file system as words, without the path Node puts in its message. */
const reasonOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case "ENOENT": return "no such file"
    case "ENOTDIR": return "a part of its path is not a directory"
    case "EACCES":
    case "EPERM": return "permission denied"
    case "ELOOP": return "too many symbolic links"
    case "ENAMETOOLONG": return "the name is too long"
    case "EISDIR": return "it is a directory"
    case "ERR_INVALID_ARG_VALUE":
    case "ERR_INVALID_ARG_TYPE": return "the path contains a NUL character"
    case undefined: return "it cannot be read"
    default: return `it cannot be read (${code})`
  }
}

const tooLarge = `it has more than ${bytesShown(inputFileBytesMax)}; ${limitShown}`

const refusedFor = (stats: fs.Stats): string | undefined => {
  if (!stats.isFile()) return `it is ${fileKindOf(stats)}; qsem reads only regular files`
  if (stats.size > inputFileBytesMax) return `it has ${bytesShown(stats.size)}; ${limitShown}`
  return undefined
}

/**
 * The text (UTF-8) of a regular file of at most {@link inputFileBytesMax}
 * bytes, or why it cannot be read as one line without the path (the caller
 * names the file). Checks the type before opening and again on the open
 * descriptor (opened non-blocking, in case the path was swapped for a FIFO
 * in between), and reads at most one byte past the limit, so a file that
 * grows while read is refused too.
 */
export const readRegularFile = (file: string): Result.Result<string, string> => {
  let fd: number | undefined
  try {
    const before = refusedFor(fs.statSync(file))
    if (before !== undefined) return Result.fail(before)
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
    const stats = fs.fstatSync(fd)
    const opened = refusedFor(stats)
    if (opened !== undefined) return Result.fail(opened)
    // Room for the stated size and one byte more, to see a file that grew; files of /proc state size 0.
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(stats.size + 1, 64 * 1024), inputFileBytesMax + 1))
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > inputFileBytesMax) return Result.fail(tooLarge)
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, inputFileBytesMax + 1))
        buffer.copy(grown, 0, 0, length)
        buffer = grown
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > inputFileBytesMax) return Result.fail(tooLarge)
    return Result.succeed(buffer.toString("utf8", 0, length))
  } catch (error) {
    return Result.fail(reasonOf(error))
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
