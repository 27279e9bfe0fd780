export { ApiError } from './api-error';
export type { ApiErrorOptions } from './api-error';
export {
  ERROR_DOMAIN,
  TYPE_PREFIX,
  badRequest,
  errorInfo,
  quotaFailure,
  resourceInfo,
  retryInfo,
} from './details';
export type {
  BadRequestDetail,
  ErrorDetail,
  ErrorInfoDetail,
  FieldViolation,
  PreconditionFailureDetail,
  QuotaFailureDetail,
  ResourceInfoDetail,
  RetryInfoDetail,
} from './details';
export { errorMessage, errorStack } from './error-message';
export { StatusCode, httpStatusOf, statusName } from './status-code';
