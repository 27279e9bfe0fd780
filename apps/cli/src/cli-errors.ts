import { EXIT } from './exit-codes';

/** One failure of a command that `presage` reports as one message (never a stack) and an exit code. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The command line is wrong: exit 2. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, EXIT.USAGE);
  }
}

/** A field violation of a `google.rpc.BadRequest` detail. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The API answered an error (`{"error": {code, message, status, details}}`, or AI Platform's `{"error": "…"}`). */
export class ApiCallError extends CliError {
  override name = 'ApiCallError';

  constructor(
    /** The google.rpc.Code name, e.g. NOT_FOUND; for a predict's `{"error": "…"}`, the HTTP status text. */
    readonly status: string,
    readonly httpStatus: number,
    message: string,
    readonly fieldViolations: readonly FieldViolation[] = [],
  ) {
    super(message, EXIT.FAILED);
  }

  /** `NOT_FOUND: Model projects/demo/models/x not found.`, then one line per field violation. */
  describe(): string {
    const lines = [`${this.status}: ${this.message}`];
    for (const violation of this.fieldViolations)
      lines.push(`  ${violation.field}: ${violation.description}`);
    return lines.join('\n');
  }
}

/** Nothing answered at the endpoint: exit 3. */
export class UnreachableError extends CliError {
  override name = 'UnreachableError';

  constructor(endpoint: string, cause: unknown) {
    super(
      `cannot reach ${endpoint}: ${causeText(cause)}. Is Presage running (presage up)? Set --endpoint or PRESAGE_ENDPOINT to point elsewhere.`,
      EXIT.UNREACHABLE,
      { cause },
    );
  }
}

/** fetch's "fetch failed" hides the reason in its cause (ECONNREFUSED, ENOTFOUND …). */
function causeText(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    return code ? `${code} (${current.message})` : current.message;
  }
  return String(current);
}
