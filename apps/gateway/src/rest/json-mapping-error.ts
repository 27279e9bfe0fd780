import { ApiError } from '@presage/errors';

/** A request JSON value that does not fit its proto field; `path` names the field as the client wrote it. */
export class JsonMappingError extends Error {
  override readonly name = 'JsonMappingError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`Invalid JSON payload received. ${path ? `Field "${path}": ` : ''}${problem}`);
  }

  /** 400 INVALID_ARGUMENT with a BadRequest field violation on the field. */
  toApiError(): ApiError {
    return ApiError.invalidArgument({
      field: this.path || '(body)',
      description: `Invalid JSON payload received. ${this.problem}`,
    });
  }
}

/** A JSON value as an error message names it: `the string "ab…"`, `an array`, `number 3`. */
export function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'an array';
  if (typeof json === 'object') return 'an object';
  if (typeof json === 'string')
    return `the string ${JSON.stringify(json.length > 40 ? `${json.slice(0, 40)}…` : json)}`;
  return `${typeof json} ${JSON.stringify(json) ?? ''}`;
}
