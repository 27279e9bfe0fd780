/**
 * google.rpc error details in their proto3 JSON form: `@type` plus the message's fields. The same
 * objects are packed into `grpc-status-details-bin` over gRPC and written as-is into REST errors.
 */
export const TYPE_PREFIX = 'type.googleapis.com/';

export interface FieldViolation {
  /** The request field, as a path: `model.name`, `version.deployment_uri`. */
  field: string;
  description: string;
}

export interface BadRequestDetail {
  '@type': 'type.googleapis.com/google.rpc.BadRequest';
  fieldViolations: FieldViolation[];
}

export interface ErrorInfoDetail {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo';
  reason: string;
  domain: string;
  metadata?: Record<string, string>;
}

export interface RetryInfoDetail {
  '@type': 'type.googleapis.com/google.rpc.RetryInfo';
  /** proto3 JSON Duration, e.g. `"1.500s"`. */
  retryDelay: string;
}

export interface ResourceInfoDetail {
  '@type': 'type.googleapis.com/google.rpc.ResourceInfo';
  resourceType: string;
  resourceName: string;
  description?: string;
}

export interface PreconditionFailureDetail {
  '@type': 'type.googleapis.com/google.rpc.PreconditionFailure';
  violations: { type: string; subject: string; description: string }[];
}

export interface QuotaFailureDetail {
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure';
  violations: { subject: string; description: string }[];
}

export type ErrorDetail =
  | BadRequestDetail
  | ErrorInfoDetail
  | RetryInfoDetail
  | ResourceInfoDetail
  | PreconditionFailureDetail
  | QuotaFailureDetail;

export const ERROR_DOMAIN = 'presage.dev';

export function badRequest(fieldViolations: FieldViolation[]): BadRequestDetail {
  return { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations };
}

export function errorInfo(reason: string, metadata?: Record<string, string>): ErrorInfoDetail {
  return {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason,
    domain: ERROR_DOMAIN,
    ...(metadata ? { metadata } : {}),
  };
}

export function retryInfo(delayMs: number): RetryInfoDetail {
  return {
    '@type': 'type.googleapis.com/google.rpc.RetryInfo',
    retryDelay: `${(delayMs / 1000).toFixed(3)}s`,
  };
}

export function resourceInfo(
  resourceType: string,
  resourceName: string,
  description?: string,
): ResourceInfoDetail {
  return {
    '@type': 'type.googleapis.com/google.rpc.ResourceInfo',
    resourceType,
    resourceName,
    ...(description ? { description } : {}),
  };
}

export function quotaFailure(subject: string, description: string): QuotaFailureDetail {
  return { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ subject, description }] };
}
