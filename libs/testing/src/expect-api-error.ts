import { ApiError } from '@presage/errors';
import type { StatusCode } from '@presage/errors';

/** Asserts that `call` fails with `code`, with a field violation on `field` and a matching message when given. */
export async function expectApiError(
  call: Promise<unknown>,
  code: StatusCode,
  expected: { field?: string; message?: string | RegExp } = {},
): Promise<ApiError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected ${code}, got success: ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect({ code: apiError.code, message: apiError.message }).toMatchObject({ code });
  if (expected.message) expect(apiError.message).toMatch(expected.message);
  if (expected.field) {
    const fields = apiError.details.flatMap((d) =>
      'fieldViolations' in d ? d.fieldViolations.map((v) => v.field) : [],
    );
    expect(fields).toContain(expected.field);
  }
  return apiError;
}
