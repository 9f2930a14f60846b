/**
 * Quoting one argument for a command line printed for the user to copy
 * (`replay it with: npx qsem replay ... --target '...'`).
 *
 * @module
 */
import { escapeControlCharacters } from "../../spec/internal/quoteInput.ts"

/**
 * `word` as one POSIX shell word: as it is when it holds only characters no
 * shell treats specially, else in single quotes (a `'` inside becomes `'\''`).
 * Control characters are escaped, so the printed line stays one line.
 *
 * @example
 * shellWord("./target.ts")                    // "./target.ts"
 * shellWord("stdio:python3 broker.py")        // "'stdio:python3 broker.py'"
 */
export const shellWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${escapeControlCharacters(word).replaceAll("'", "'\\''")}'`
