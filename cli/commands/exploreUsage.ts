/**
 * The usage text of `qsem explore`, on its own so that `qsem --help` prints it
 * without loading the command.
 *
 * @module
 */

/** The depth `qsem explore` explores to unless `--depth` says otherwise. */
export const exploreDepthDefault = 3

/** The most distinct states `qsem explore` keeps unless `--states-max` says otherwise. */
export const exploreStatesMaxDefault = 1_000_000

/** The most explored paths `--target` runs unless `--target-paths-max` says otherwise; beyond it, an evenly spread sample. */
export const exploreTargetPathsMaxDefault = 20_000

/** Usage text of `qsem explore`. */
export const exploreUsage = `qsem explore [--config FILE] [--depth N] [--states-max N] [--judge-max N] [--guarantees ID,ID...] [--traces DIR]
             [--target builtin|builtin-sql|model|mutant:<name>|stdio:<command line>|<module path>] [--target-paths-max N]
             [--workers N]
  Explores the model breadth-first from its initial state through every distinct command the
  generator can issue in the application's view (the same protocols as qsem check), up to --depth
  commands (default ${exploreDepthDefault}) or --states-max distinct states (default ${exploreStatesMaxDefault.toLocaleString("en-US")}), and prints the
  distinct states, transitions, depth reached (and, on a terminal, states per second). Every explored state's path
  (the shortest that reached it), with the standard drain appended, is judged by every applicable
  guarantee (or only the first --judge-max states' paths, in breadth-first order): held on every
  judged path or violated (the shortest violating path is printed and saved to DIR, default
  traces/, as a trace qsem replay reads), and whether its witness was reached, with the shortest
  witness length. --target T: also runs every judged path (choices, then the standard drain) in
  lockstep against T and the model, as qsem check runs a generated one, and saves the first that
  diverges or violates a guarantee (a shortest one) as a trace of T; when there are more than
  --target-paths-max judged paths (default ${exploreTargetPathsMaxDefault.toLocaleString("en-US")}), a deterministic sample of that many runs
  instead: every k-th in breadth-first order, each depth in proportion to its states. --workers N:
  N threads, this one and N-1 worker threads, each keeping a copy of the tree: they expand ranges of
  each depth once a depth has 2,000 states to expand, then judge ranges of paths (default:
  QSEM_WORKERS if set, else the machine's cores; the judging takes a thread per 30,000 paths, a
  thousand when N is given); the report is the same for any N. Exit 1 when a guarantee is
  violated on the model or the target fails a path; a witness not reached within the bounds is
  reported, not a failure.`
