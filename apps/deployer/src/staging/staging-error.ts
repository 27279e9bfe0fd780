export interface StagingErrorOptions {
  /**
   * The cause may go away by itself (a connection refused, a timeout, an HTTP 5xx, the deployer short of
   * file handles): the attempt is retried until the version's deadline. @default false
   */
  transient?: boolean;
  /** The underlying error, for logs; never shown to the user. */
  cause?: unknown;
}

/**
 * A failure to stage a version's files. The message says what went wrong and how to fix it, in words a
 * user can act on: it becomes the version's errorMessage, so it never holds a stack trace.
 */
export class StagingError extends Error {
  override readonly name = 'StagingError';
  readonly transient: boolean;

  constructor(message: string, options: StagingErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}
