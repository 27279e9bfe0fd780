/** Why a model's directory or file could not be read, as the end of a sentence a user reads. */
export function unreadableReason(error: unknown, kind: 'directory' | 'file', path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `the ${kind} does not exist`;
  if (code === 'ENOTDIR') return kind === 'directory' ? 'it is not a directory' : `${path} is not a file`;
  if (code === 'EISDIR') return `${path} is not a file`;
  return kind === 'directory' ? `it cannot be read (${(error as Error).message})` : (error as Error).message;
}
