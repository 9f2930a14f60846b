/**
 * The usage text of `qsem docs`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** Usage text of `qsem docs`. */
export const docsUsage = `qsem docs [--out FILE] [--check]
  Writes the semantics reference (default docs/semantics.md) from the guarantee catalogue and the model.
  With --check, writes nothing and exits 1 when the file differs from what would be generated.`
