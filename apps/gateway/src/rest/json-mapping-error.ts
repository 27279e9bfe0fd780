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
