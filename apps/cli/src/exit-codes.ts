/**
 * What `presage` exits with. Documented in README.md ("The presage CLI"); scripts may rely on them.
 */
export const EXIT = {
  /** Done. */
  OK: 0,
  /** The API answered an error, or the operation, job or local prediction waited on failed. */
  FAILED: 1,
  /** The command line is wrong: unknown command or flag, missing or conflicting flags, unreadable input. */
  USAGE: 2,
  /** The endpoint could not be reached (nothing listens there, a DNS or TLS failure). */
  UNREACHABLE: 3,
  /** Interrupted (Ctrl-C) while waiting; `presage up` forced to stop. */
  INTERRUPTED: 130,
} as const;
