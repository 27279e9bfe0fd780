import { createHash, randomBytes } from 'node:crypto';
import { inTransaction } from '@presage/db';
import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import { timestampToDate, toTimestamp } from '@presage/proto';
import type {
  AccessServiceHandlers,
  ApiKey,
  CredentialServiceHandlers,
  Policy,
  QuotaSettings,
} from '@presage/proto';
import {
  ROLES,
  checkEtag,
  decodePageToken,
  memberViolations,
  messagePage,
  newEtag,
  pageSizeOf,
  parseProjectName,
  validateUpdateMask,
} from '@presage/resources';
import {
  findApiKey,
  findPolicy,
  findQuota,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  storePolicy,
  storeQuota,
  useApiKey,
} from '../store/access';
import type { ApiKeyRecord, PolicyRecord, QuotaRecord, StoredBinding } from '../store/access';
import type { RegistryDeps } from './deps';
import { actorOf, pageBytes } from './deps';

/** What every key starts with, so secret scanners and people can tell a Presage key. */
const KEY_PREFIX = 'psk_';
/** How much of a key a listing shows. */
const SHOWN_PREFIX_CHARS = KEY_PREFIX.length + 6;
const MAX_DISPLAY_NAME_CHARS = 100;
/** More bindings than this in one policy is a mistake, not a policy. */
const MAX_BINDINGS = 100;
const MAX_MEMBERS_PER_BINDING = 1_000;

/** presage.v1.AccessService: API keys and project IAM policies. Enforced by the gateway, not here. */
export function createAccessHandlers(deps: RegistryDeps): AsyncHandlers<AccessServiceHandlers> {
  return {
    async CreateApiKey(request, context) {
      const project = parseProjectName(request.parent, 'parent');
      const wanted = request.apiKey;
      if (!wanted)
        throw ApiError.invalidArgument({ field: 'api_key', description: 'An API key is required.' });
      const now = deps.now();
      const expireTime = timestampToDate(wanted.expireTime);
      const keyId = `k${randomBytes(8).toString('hex')}`;
      const member = wanted.member || `serviceAccount:${keyId}@${project.toLowerCase()}.apikeys.presage`;
      const violations = [
        ...displayNameViolations(wanted.displayName),
        ...(wanted.member && wanted.member !== 'allAuthenticatedUsers'
          ? memberViolations(wanted.member, 'api_key.member')
          : wanted.member
            ? [{ field: 'api_key.member', description: 'A key authenticates one member, not all of them.' }]
            : []),
      ];
      if (expireTime && expireTime <= now) {
        violations.push({ field: 'api_key.expire_time', description: 'Must be in the future.' });
      }
      if (violations.length > 0) throw ApiError.invalidArgument(violations);
      const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record = await insertApiKey(deps.knex, {
        project,
        keyId,
        keySha256: sha256(secret),
        keyPrefix: secret.slice(0, SHOWN_PREFIX_CHARS),
        displayName: wanted.displayName,
        member,
        createdBy: actorOf(context),
        createTime: now,
        expireTime,
      });
      deps.logger.info('API key created', { key: keyName(record), member, by: record.createdBy });
      return { ...apiKeyMessage(record), keyString: secret };
    },

    async ListApiKeys(request) {
      const project = parseProjectName(request.parent, 'parent');
      const size = pageSizeOf(request.pageSize);
      const query = `apiKeys|${project}`;
      const rows = await listApiKeys(deps.knex, project, decodePageToken(request.pageToken, query), size + 1);
      const { messages, nextPageToken } = messagePage(rows, size, query, (row) => apiKeyMessage(row), {
        typeName: 'presage.v1.ApiKey',
        maxBytes: pageBytes(deps),
      });
      return { apiKeys: messages, nextPageToken };
    },

    async GetApiKey(request) {
      const { project, keyId } = parseKeyName(request.name);
      const record = await findApiKey(deps.knex, project, keyId);
      if (!record) throw ApiError.notFound('API key', request.name);
      return apiKeyMessage(record);
    },

    async DeleteApiKey(request, context) {
      const { project, keyId } = parseKeyName(request.name);
      if (!(await revokeApiKey(deps.knex, project, keyId, deps.now()))) {
        throw ApiError.notFound('API key', request.name);
      }
      deps.logger.info('API key deleted', { key: request.name, by: actorOf(context) });
      return {};
    },

    async GetIamPolicy(request) {
      const project = parseProjectName(request.resource, 'resource');
      return policyMessage(await findPolicy(deps.knex, project));
    },

    async SetIamPolicy(request, context) {
      const project = parseProjectName(request.resource, 'resource');
      const policy = request.policy;
      if (!policy) throw ApiError.invalidArgument({ field: 'policy', description: 'A policy is required.' });
      checkUpdateMask(request.updateMask?.paths ?? []);
      const bindings = validBindings(policy);
      const stored = await inTransaction(deps.knex, async (trx) => {
        // One writer per project at a time, also before its first policy row exists.
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`presage.iam_policy.${project}`]);
        const current = await findPolicy(trx, project);
        checkEtag(policy.etag, current.etag, `the IAM policy of projects/${project}`);
        const next: PolicyRecord = { project, bindings, etag: newEtag() };
        await storePolicy(trx, next, deps.now());
        return next;
      });
      deps.logger.info('IAM policy set', { project, by: actorOf(context), bindings: bindings.length });
      return policyMessage(stored);
    },

    async GetQuotaSettings(request) {
      return quotaMessage(await findQuota(deps.knex, parseQuotaName(request.name)));
    },

    async UpdateQuotaSettings(request, context) {
      const project = parseQuotaName(request.name);
      const paths = validateUpdateMask(request.updateMask?.paths ?? [], QUOTA_FIELDS, [
        ...QUOTA_FIELDS,
        'name',
        'etag',
        'update_time',
        'updated_by',
      ]);
      const given = request.quotaSettings;
      if (!given) {
        throw ApiError.invalidArgument({
          field: 'quota_settings',
          description: 'Quota settings are required.',
        });
      }
      const wanted = {
        predictionsPerMinute: given.predictionsPerMinute ?? 0,
        concurrentBatchJobs: given.concurrentBatchJobs ?? 0,
      };
      const violations = paths
        .filter(
          (path) =>
            (path === 'predictions_per_minute' ? wanted.predictionsPerMinute : wanted.concurrentBatchJobs) <
            -1,
        )
        .map((path) => ({
          field: `quota_settings.${path}`,
          description: 'Must be -1 (no limit), 0 (the platform default) or a positive limit.',
        }));
      if (violations.length > 0) throw ApiError.invalidArgument(violations);
      const stored = await inTransaction(deps.knex, async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`presage.quota_settings.${project}`]);
        const current = await findQuota(trx, project);
        checkEtag(given.etag, current.etag, `projects/${project}/quotaSettings`);
        const next = {
          ...current,
          ...(paths.includes('predictions_per_minute') && {
            predictionsPerMinute: wanted.predictionsPerMinute,
          }),
          ...(paths.includes('concurrent_batch_jobs') && { concurrentBatchJobs: wanted.concurrentBatchJobs }),
          etag: newEtag(),
          updateTime: deps.now(),
          updatedBy: actorOf(context),
        };
        await storeQuota(trx, next);
        return next;
      });
      deps.logger.info('quota settings updated', {
        project,
        by: stored.updatedBy,
        predictionsPerMinute: stored.predictionsPerMinute,
        concurrentBatchJobs: stored.concurrentBatchJobs,
      });
      return quotaMessage(stored);
    },
  };
}

/** presage.internal.v1.CredentialService: the gateway's key lookups. */
export function createCredentialHandlers(deps: RegistryDeps): AsyncHandlers<CredentialServiceHandlers> {
  return {
    async LookupApiKey(request) {
      if (request.keySha256.length !== 32) {
        throw ApiError.invalidArgument({ field: 'key_sha256', description: 'Expected 32 bytes.' });
      }
      const record = await useApiKey(deps.knex, request.keySha256, deps.now());
      if (!record) throw ApiError.notFound('API key', 'with this digest');
      return {
        name: keyName(record),
        member: record.member,
        expireTime: record.expireTime ? toTimestamp(record.expireTime) : null,
      };
    },
  };
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function displayNameViolations(displayName: string): FieldViolation[] {
  if (!displayName.trim()) {
    return [
      {
        field: 'api_key.display_name',
        description: 'A display name is required: say who or what uses the key.',
      },
    ];
  }
  if (displayName.length > MAX_DISPLAY_NAME_CHARS) {
    return [{ field: 'api_key.display_name', description: `At most ${MAX_DISPLAY_NAME_CHARS} characters.` }];
  }
  return [];
}

/** Only the whole policy can be replaced: Presage keeps no audit configs. */
function checkUpdateMask(paths: string[]): void {
  const unknown = paths.filter((path) => path !== 'bindings' && path !== 'etag');
  if (unknown.length > 0) {
    throw ApiError.invalidArgument({
      field: 'update_mask',
      description: `Only "bindings" and "etag" can be set; not supported: ${unknown.join(', ')}.`,
    });
  }
}

/** The policy's bindings, checked, merged by role and sorted, so equal policies are stored equally. */
function validBindings(policy: Policy): StoredBinding[] {
  const violations: FieldViolation[] = [];
  const bindings = policy.bindings ?? [];
  if (bindings.length > MAX_BINDINGS) {
    throw ApiError.invalidArgument({
      field: 'policy.bindings',
      description: `At most ${MAX_BINDINGS} bindings.`,
    });
  }
  if ((policy.auditConfigs ?? []).length > 0) {
    violations.push({ field: 'policy.audit_configs', description: 'Audit configs are not supported yet.' });
  }
  const byRole = new Map<string, Set<string>>();
  bindings.forEach((binding, i) => {
    const field = `policy.bindings[${i}]`;
    const role = binding.role ?? '';
    if (!(role in ROLES)) {
      violations.push({
        field: `${field}.role`,
        description: `Unknown role "${role.slice(0, 100)}"; the roles are ${Object.keys(ROLES).join(', ')}.`,
      });
    }
    if (binding.condition) {
      violations.push({
        field: `${field}.condition`,
        description: 'Conditional bindings are not supported yet.',
      });
    }
    const members = binding.members ?? [];
    if (members.length > MAX_MEMBERS_PER_BINDING) {
      violations.push({
        field: `${field}.members`,
        description: `At most ${MAX_MEMBERS_PER_BINDING} members.`,
      });
    }
    members.forEach((member, j) => violations.push(...memberViolations(member, `${field}.members[${j}]`)));
    const set = byRole.get(role) ?? new Set<string>();
    for (const member of members) set.add(member);
    byRole.set(role, set);
  });
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return [...byRole]
    .filter(([, members]) => members.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, members]) => ({ role, members: [...members].sort() }));
}

const QUOTA_FIELDS = ['predictions_per_minute', 'concurrent_batch_jobs'];

function parseQuotaName(name: string): string {
  const match = /^(projects\/[^/]+)\/quotaSettings$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field: 'name',
      description: `Expected "projects/{project}/quotaSettings", got "${name.slice(0, 200)}".`,
    });
  }
  return parseProjectName(match[1]!, 'name');
}

function quotaMessage(quota: QuotaRecord): QuotaSettings {
  return {
    name: `projects/${quota.project}/quotaSettings`,
    predictionsPerMinute: quota.predictionsPerMinute,
    concurrentBatchJobs: quota.concurrentBatchJobs,
    etag: Buffer.from(quota.etag, 'hex'),
    updateTime: quota.updateTime ? toTimestamp(quota.updateTime) : null,
    updatedBy: quota.updatedBy,
  };
}

function parseKeyName(name: string): { project: string; keyId: string } {
  const match = /^projects\/([^/]+)\/apiKeys\/([a-z0-9]{1,64})$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field: 'name',
      description: `Expected "projects/{project}/apiKeys/{id}", got "${name.slice(0, 200)}".`,
    });
  }
  return { project: parseProjectName(`projects/${match[1]!}`, 'name'), keyId: match[2]! };
}

function keyName(record: ApiKeyRecord): string {
  return `projects/${record.project}/apiKeys/${record.keyId}`;
}

function apiKeyMessage(record: ApiKeyRecord): ApiKey {
  return {
    name: keyName(record),
    displayName: record.displayName,
    member: record.member,
    createTime: toTimestamp(record.createTime),
    expireTime: record.expireTime ? toTimestamp(record.expireTime) : null,
    lastUseTime: record.lastUseTime ? toTimestamp(record.lastUseTime) : null,
    keyString: '',
    keyPrefix: record.keyPrefix,
    createdBy: record.createdBy,
  };
}

function policyMessage(policy: PolicyRecord): Policy {
  return {
    version: 1,
    etag: Buffer.from(policy.etag, 'hex'),
    bindings: policy.bindings.map((binding) => ({ role: binding.role, members: binding.members })),
    auditConfigs: [],
  };
}
