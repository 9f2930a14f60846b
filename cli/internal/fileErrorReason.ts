/**
 * File-system errors as words for a one-line message.
 *
 * @internal
 * @module
 */

/** A file-system error as words, without the path Node puts in its message. */
export const fileErrorReason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case "EACCES":
    case "EPERM": return "permission denied"
    case "EROFS": return "the file system is read-only"
    case "ENOSPC": return "no space left on the device"
    case "EDQUOT": return "the disk quota is used up"
    case "ENAMETOOLONG": return "the name is too long"
    case "ENOENT": return "a part of its path does not exist"
    case "EISDIR": return "it is a directory"
    case "ENOTDIR": return "a part of its path is not a directory"
    case "ELOOP": return "too many symbolic links"
    case "EEXIST": return "something that is not a directory is in the way (a broken symbolic link?)"
    case "ERR_INVALID_ARG_VALUE":
    case "ERR_INVALID_ARG_TYPE": return "the path contains a NUL character"
    default: return `error ${code ?? "unknown"}`
  }
}
