import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';
import { ALL_AUTHENTICATED, parseProjectName, permissionsOf } from '@presage/resources';
import type { Permission } from '@presage/resources';
import type { MethodPermission } from './method-permissions';
import { looksLikeJwt } from './credentials';

/** Who a credential says the caller is. */
export interface Principal {
  /** The IAM member, e.g. `user:alice@example.com`: recorded as the actor of what the call changes. */
  member: string;
  /** The bootstrap admin: every permission on every project. */
  superuser: boolean;
  /** When the credential stops being valid. */
  expires: Date | undefined;
}

/** A key as the registry knows it; undefined when no live key has that digest. */
export interface KeyLookup {
  member: string;
  expires: Date | undefined;
}

/** One binding of a project's IAM policy. */
export interface PolicyBinding {
  role: string;
  members: string[];
}

export interface AccessControlOptions {
  /** The registry's lookup of a key by its SHA-256. */
  lookupKey: (sha256: Buffer) => Promise<KeyLookup | undefined>;
  /** The registry's policy of a project. */
  getPolicy: (project: string) => Promise<PolicyBinding[]>;
  /** Checks an OpenID Connect token (a credential shaped as a JWT), when an issuer is configured. */
  verifyToken?: ((token: string) => Promise<KeyLookup>) | undefined;
  /** PRESAGE_BOOTSTRAP_ADMIN_KEY, when set. */
  bootstrapKey: string | undefined;
  /** How long a key's or a policy's answer is reused: the most a revocation or a policy change waits. */
  cacheMs: number;
  logger: Logger;
  now?: () => number;
}

/** The member the bootstrap key authenticates as. */
export const BOOTSTRAP_MEMBER = 'serviceAccount:bootstrap-admin@presage.local';
/** While the registry cannot be reached, answers this old are still used, so predictions go on. */
const MAX_STALE_MS = 5 * 60_000;
/** More cached keys than this (a flood of made-up keys) and the key cache starts over. */
const MAX_CACHED_KEYS = 10_000;
const RETRY_MS = 1_000;

/**
 * Authentication and authorization at the gateway: a credential → its principal (by the registry's key
 * table, or the bootstrap key), and a permission on a project → allowed by the project's IAM policy, or
 * refused. Both answers are kept `cacheMs`, so a busy key costs one digest and two map lookups per call.
 */
export class AccessControl {
  private readonly keys: RefreshingCache<string, KeyLookup | undefined>;
  private readonly policies: RefreshingCache<string, ProjectGrants>;
  private readonly bootstrapDigest: Buffer | undefined;
  private readonly now: () => number;

  constructor(private readonly options: AccessControlOptions) {
    this.now = options.now ?? Date.now;
    this.bootstrapDigest = options.bootstrapKey === undefined ? undefined : sha256(options.bootstrapKey);
    const cache = { ttlMs: options.cacheMs, maxStaleMs: MAX_STALE_MS, now: this.now, logger: options.logger };
    this.keys = new RefreshingCache({ ...cache, maxEntries: MAX_CACHED_KEYS, what: 'API keys' });
    this.policies = new RefreshingCache({ ...cache, maxEntries: Infinity, what: 'IAM policies' });
  }

  /** The principal of `credential`; UNAUTHENTICATED without one, or for one that is not valid now. */
  async authenticate(credential: string | undefined): Promise<Principal> {
    if (!credential) {
      throw ApiError.unauthenticated(
        'This Presage requires a credential: send "Authorization: Bearer <API key or ID token>", an x-goog-api-key header or a key query parameter.',
      );
    }
    const digest = sha256(credential);
    if (this.bootstrapDigest && timingSafeEqual(digest, this.bootstrapDigest)) {
      return { member: BOOTSTRAP_MEMBER, superuser: true, expires: undefined };
    }
    if (this.options.verifyToken && looksLikeJwt(credential)) {
      const token = await this.options.verifyToken(credential);
      return { member: token.member, superuser: false, expires: token.expires };
    }
    const key = await this.keys.get(digest.toString('hex'), () => this.options.lookupKey(digest));
    if (!key || (key.expires && key.expires.getTime() <= this.now())) {
      throw ApiError.unauthenticated('The API key is not valid: it is unknown, deleted or expired.');
    }
    return { member: key.member, superuser: false, expires: key.expires };
  }

  /**
   * Allows the call when the principal holds `required.permission` on the project its request names;
   * otherwise PERMISSION_DENIED naming the permission. A name that is not a project's answers
   * INVALID_ARGUMENT for its field, as the service itself would.
   */
  async authorize(principal: Principal, required: MethodPermission, resource: string): Promise<void> {
    const project = projectOf(resource, required.field);
    if (principal.superuser) return;
    const grants = await this.policies.get(
      project,
      async () => new ProjectGrants(await this.options.getPolicy(project)),
    );
    if (!grants.of(principal.member).has(required.permission)) {
      throw ApiError.permissionDenied(required.permission, resource);
    }
  }
}

/** A project's policy as the permissions of each member, worked out once per member. */
class ProjectGrants {
  private readonly byMember = new Map<string, Set<Permission>>();

  constructor(private readonly bindings: PolicyBinding[]) {}

  of(member: string): Set<Permission> {
    let held = this.byMember.get(member);
    if (!held) {
      const roles = this.bindings
        .filter((binding) => binding.members.includes(member) || binding.members.includes(ALL_AUTHENTICATED))
        .map((binding) => binding.role);
      held = permissionsOf(roles);
      this.byMember.set(member, held);
    }
    return held;
  }
}

/** `projects/{p}` or `projects/{p}/…` → p, checked as the services check project ids. */
function projectOf(resource: string, field: string): string {
  const match = /^projects\/([^/:]+)/.exec(resource);
  return parseProjectName(match ? `projects/${match[1]}` : resource, field);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

interface CacheEntry<V> {
  value: V;
  fetchedAt: number;
}

interface RefreshingCacheOptions {
  ttlMs: number;
  /** How old an entry may be and still answer while its source fails with UNAVAILABLE. */
  maxStaleMs: number;
  maxEntries: number;
  /** For logs: what is cached. */
  what: string;
  now: () => number;
  logger: Logger;
}

/**
 * Values loaded on demand and reused for `ttlMs`; one load per key at a time, however many callers
 * wait for it. When a load fails because the source cannot be reached, the last value answers for up
 * to `maxStaleMs` (the registry down must not stop callers it already knows); other failures pass on.
 */
class RefreshingCache<K, V> {
  private readonly entries = new Map<K, CacheEntry<V>>();
  private readonly loading = new Map<K, Promise<V>>();

  constructor(private readonly options: RefreshingCacheOptions) {}

  get(key: K, load: () => Promise<V>): Promise<V> | V {
    const entry = this.entries.get(key);
    const now = this.options.now();
    if (entry && now - entry.fetchedAt < this.options.ttlMs) return entry.value;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.refresh(key, load, entry);
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async refresh(key: K, load: () => Promise<V>, entry: CacheEntry<V> | undefined): Promise<V> {
    try {
      const value = await load();
      if (this.entries.size >= this.options.maxEntries) this.entries.clear();
      this.entries.set(key, { value, fetchedAt: this.options.now() });
      return value;
    } catch (error) {
      const apiError = ApiError.from(error);
      const unreachable =
        apiError.code === StatusCode.UNAVAILABLE || apiError.code === StatusCode.DEADLINE_EXCEEDED;
      if (unreachable && entry && this.options.now() - entry.fetchedAt < this.options.maxStaleMs) {
        this.options.logger.warn(`the registry cannot be reached: using the ${this.options.what} last read`, {
          error: apiError.message,
        });
        return entry.value;
      }
      if (unreachable) {
        throw ApiError.unavailable(
          'Credentials cannot be checked right now; retry shortly.',
          RETRY_MS,
          error,
        );
      }
      throw ApiError.internal(`Reading ${this.options.what} failed`, error);
    } finally {
      this.loading.delete(key);
    }
  }
}
