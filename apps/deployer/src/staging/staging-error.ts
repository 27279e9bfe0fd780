/** A failure to stage that the user fixes in their deploymentUri or files; the message says how. */
export class StagingError extends Error {
  override readonly name = 'StagingError';
}
