/** gRPC status codes (google.rpc.Code). */
export enum StatusCode {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}

/** The HTTP status Google APIs answer for each gRPC code. */
const HTTP_STATUS: Record<StatusCode, number> = {
  [StatusCode.OK]: 200,
  [StatusCode.CANCELLED]: 499,
  [StatusCode.UNKNOWN]: 500,
  [StatusCode.INVALID_ARGUMENT]: 400,
  [StatusCode.DEADLINE_EXCEEDED]: 504,
  [StatusCode.NOT_FOUND]: 404,
  [StatusCode.ALREADY_EXISTS]: 409,
  [StatusCode.PERMISSION_DENIED]: 403,
  [StatusCode.RESOURCE_EXHAUSTED]: 429,
  [StatusCode.FAILED_PRECONDITION]: 400,
  [StatusCode.ABORTED]: 409,
  [StatusCode.OUT_OF_RANGE]: 400,
  [StatusCode.UNIMPLEMENTED]: 501,
  [StatusCode.INTERNAL]: 500,
  [StatusCode.UNAVAILABLE]: 503,
  [StatusCode.DATA_LOSS]: 500,
  [StatusCode.UNAUTHENTICATED]: 401,
};

export function httpStatusOf(code: StatusCode): number {
  return HTTP_STATUS[code] ?? 500;
}

/** `NOT_FOUND` for 5: the name REST errors carry in `error.status`. */
export function statusName(code: StatusCode): string {
  return StatusCode[code] ?? 'UNKNOWN';
}
