import type { Long } from '@grpc/proto-loader';

/**
 * Type mappings between the two forms proto-loader-gen-types writes for a message: the permissive
 * input form (`Model`: optional fields, bytes as Buffer | Uint8Array | string, int64 as number |
 * string | Long, enums as name or number) and the decoded form under LOADER_OPTIONS (`Model__Output`:
 * every field present, bytes as Buffer, int64 and enums as strings). The `*Handlers` interfaces name
 * only the decoded request and the input response, so a client derives the other two from them.
 */

/** A request built by hand from the decoded form: every field optional at every depth. */
export type RequestInput<T> = T extends Buffer
  ? T
  : T extends readonly (infer U)[]
    ? RequestInput<U>[]
    : T extends object
      ? { [P in keyof T]?: RequestInput<T[P]> }
      : T;

/** What a response looks like once decoded with LOADER_OPTIONS (defaults, longs and enums as strings). */
export type Decoded<T> = T extends { '@type': string }
  ? never // an Any decodes as { type_url, value }, never in its JSON form
  : { [P in keyof T]-?: DecodedField<T[P]> };

type DecodedField<T> = null extends T ? DecodedValue<NonNullable<T>> | null : DecodedValue<NonNullable<T>>;

type DecodedValue<T> = [T] extends [Buffer | Uint8Array | string]
  ? Uint8Array extends T
    ? Buffer
    : T
  : [T] extends [number | string | Long]
    ? Long extends T
      ? string
      : DecodedScalar<T>
    : T extends readonly (infer U)[]
      ? DecodedField<U>[]
      : T extends object
        ? Decoded<T>
        : T;

/** float/double (`number | string`, for "NaN") decode to numbers; enums (`'READY' | 1 | ...`) to their names. */
type DecodedScalar<T> = number extends T
  ? number
  : [Exclude<T, number>] extends [never]
    ? T
    : Exclude<T, number>;
