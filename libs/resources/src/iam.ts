import type { FieldViolation } from '@presage/errors';

/**
 * Presage's permissions, named as AI Platform names them (`ml.versions.create`), and the roles that hold
 * them, after AI Platform's predefined roles. The gateway checks each public method's permission against
 * the roles the caller's member is bound to in the project's IAM policy; the registry accepts only these
 * roles in a policy.
 */
export const PERMISSIONS = [
  'ml.models.get',
  'ml.models.list',
  'ml.models.create',
  'ml.models.update',
  'ml.models.delete',
  'ml.models.predict',
  'ml.versions.get',
  'ml.versions.list',
  'ml.versions.create',
  'ml.versions.update',
  'ml.versions.delete',
  'ml.jobs.get',
  'ml.jobs.list',
  'ml.jobs.create',
  'ml.jobs.update',
  'ml.jobs.cancel',
  'ml.operations.get',
  'ml.operations.list',
  'ml.operations.cancel',
  'ml.apiKeys.get',
  'ml.apiKeys.list',
  'ml.apiKeys.create',
  'ml.apiKeys.delete',
  'ml.projects.getIamPolicy',
  'ml.projects.setIamPolicy',
  'ml.quotas.get',
  'ml.quotas.update',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'ml.models.get',
  'ml.models.list',
  'ml.versions.get',
  'ml.versions.list',
  'ml.jobs.get',
  'ml.jobs.list',
  'ml.operations.get',
  'ml.operations.list',
  'ml.quotas.get',
];
const WRITE: Permission[] = [
  'ml.models.create',
  'ml.models.update',
  'ml.models.delete',
  'ml.versions.create',
  'ml.versions.update',
  'ml.versions.delete',
  'ml.jobs.create',
  'ml.jobs.update',
  'ml.jobs.cancel',
  'ml.operations.cancel',
];
const ACCESS: Permission[] = [
  'ml.apiKeys.get',
  'ml.apiKeys.list',
  'ml.apiKeys.create',
  'ml.apiKeys.delete',
  'ml.projects.getIamPolicy',
  'ml.projects.setIamPolicy',
  'ml.quotas.update',
];

/** Each predefined role and its permissions. */
export const ROLES: Readonly<Record<string, readonly Permission[]>> = {
  /** Reads models, versions, jobs and operations. */
  'roles/ml.viewer': READ,
  /** Predicts, and reads the models and versions it predicts with. */
  'roles/ml.modelUser': ['ml.models.get', 'ml.versions.get', 'ml.models.predict'],
  /** Everything on models, versions and jobs, and predicts. */
  'roles/ml.developer': [...READ, ...WRITE, 'ml.models.predict'],
  /** A developer who also manages the project's API keys, IAM policy and quota settings. */
  'roles/ml.admin': [...READ, ...WRITE, 'ml.models.predict', ...ACCESS],
};

/** The member a credential authenticates as: `user:` or `serviceAccount:` and an email-like id. */
const MEMBER_PATTERN = /^(user|serviceAccount):[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/;
/** The member every authenticated caller is, in bindings. */
export const ALL_AUTHENTICATED = 'allAuthenticatedUsers';

/** What is wrong with a member written in a policy binding or an API key (none: it is one Presage knows). */
export function memberViolations(member: string, field: string): FieldViolation[] {
  if (member === ALL_AUTHENTICATED || MEMBER_PATTERN.test(member)) return [];
  const description =
    member === 'allUsers'
      ? 'allUsers (anyone, without a credential) cannot be granted a role; use allAuthenticatedUsers.'
      : `Expected "user:{email}", "serviceAccount:{email}" or "${ALL_AUTHENTICATED}", got "${member.slice(0, 100)}".`;
  return [{ field, description }];
}

/** The permissions the given roles hold together. */
export function permissionsOf(roles: Iterable<string>): Set<Permission> {
  const held = new Set<Permission>();
  for (const role of roles) for (const permission of ROLES[role] ?? []) held.add(permission);
  return held;
}
