/**
 * What went wrong, as text, for any thrown value: an Error's message, anything else as a string
 * (grpc-node's getErrorMessage). For logs and for messages that quote a cause.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An Error's stack (its message when it has none), anything else as a string: for a process's last words. */
export function errorStack(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
