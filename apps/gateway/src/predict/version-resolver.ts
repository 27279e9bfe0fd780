import { ApiError, StatusCode } from '@presage/errors';

/** The version a predict call is served by. */
export interface ResolvedVersion {
  /** `projects/{p}/models/{m}/versions/{v}`. */
  name: string;
}

/** What the resolver needs from the registry's ModelService. */
export interface VersionLookup {
  getModel(name: string): Promise<{ defaultVersion: VersionFacts | null }>;
  getVersion(name: string): Promise<VersionFacts>;
}

export interface VersionFacts {
  name: string;
  state: string;
  errorMessage: string;
}

export interface VersionResolverOptions {
  /**
   * How long a READY resolution is used before it is checked again (in the background: the request that
   * finds it old is served from it), so `:setDefault` takes effect within about this time. @default 1000
   */
  ttlMs?: number;
  /** The most names whose resolution is kept; the oldest goes first. @default 10_000 */
  maxEntries?: number;
  /** Told when a background check could not reach the registry (the old resolution is kept). */
  onLookupFailure?: (name: string, error: ApiError) => void;
  now?: () => number;
}

export interface VersionResolver {
  /**
   * A model name (its default version) or a version name → a READY version, else an ApiError. Once a
   * name resolved, it keeps resolving while the registry (or its database) cannot be reached: the
   * last answer stands until the registry gives another. A name never resolved then answers UNAVAILABLE.
   */
  resolve(name: string): Promise<ResolvedVersion>;
}

const MODEL = /^projects\/[^/]+\/models\/[^/]+$/;
const VERSION = /^projects\/[^/]+\/models\/[^/]+\/versions\/[^/]+$/;
/** Answers of the registry that settle a name: anything else means it could not answer now. */
const DEFINITIVE = new Set<StatusCode>([
  StatusCode.NOT_FOUND,
  StatusCode.INVALID_ARGUMENT,
  StatusCode.FAILED_PRECONDITION,
  StatusCode.PERMISSION_DENIED,
  StatusCode.UNAUTHENTICATED,
]);
const RETRY_AFTER_MS = 1_000;

interface Resolution {
  version: ResolvedVersion;
  checkedAt: number;
  checking: boolean;
}

export function createVersionResolver(
  lookup: VersionLookup,
  options: VersionResolverOptions = {},
): VersionResolver {
  return new CachingVersionResolver(lookup, options);
}

/** Resolutions cached per name, served stale while they are checked again, and kept through outages. */
class CachingVersionResolver implements VersionResolver {
  private readonly cache = new Map<string, Resolution>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: VersionLookup,
    private readonly options: VersionResolverOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async resolve(name: string): Promise<ResolvedVersion> {
    const cached = this.cache.get(name);
    if (!cached) return this.resolveNow(name);
    if (!cached.checking && this.now() - cached.checkedAt >= this.ttlMs) void this.check(name, cached);
    return cached.version;
  }

  private async resolveNow(name: string): Promise<ResolvedVersion> {
    let facts: VersionFacts;
    try {
      facts = await this.lookUp(name);
    } catch (error) {
      throw controlPlaneError(name, error);
    }
    assertReady(facts);
    const version = { name: facts.name };
    this.remember(name, { version, checkedAt: this.now(), checking: false });
    return version;
  }

  /** Looks the name up again: a definitive answer replaces or drops the resolution, a failure keeps it. */
  private async check(name: string, cached: Resolution): Promise<void> {
    cached.checking = true;
    try {
      const facts = await this.lookUp(name);
      if (SERVING_STATES.has(facts.state)) cached.version = { name: facts.name };
      else this.cache.delete(name);
    } catch (error) {
      const apiError = ApiError.from(error);
      if (DEFINITIVE.has(apiError.code)) this.cache.delete(name);
      else this.options.onLookupFailure?.(name, apiError);
    } finally {
      cached.checking = false;
      cached.checkedAt = this.now();
    }
  }

  private remember(name: string, resolution: Resolution): void {
    this.cache.delete(name);
    this.cache.set(name, resolution);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  private async lookUp(name: string): Promise<VersionFacts> {
    if (VERSION.test(name)) return this.lookup.getVersion(name);
    if (!MODEL.test(name)) {
      throw ApiError.invalidArgument({
        field: 'name',
        description: `"${name}" is neither a model nor a version name: expected projects/{project}/models/{model}[/versions/{version}]`,
      });
    }
    const model = await this.lookup.getModel(name);
    if (!model.defaultVersion?.name) {
      throw new ApiError(
        StatusCode.NOT_FOUND,
        `The model "${name}" has no default version to predict with: create a version, or name one in the URL (${name}/versions/{version}:predict).`,
      );
    }
    return model.defaultVersion;
  }
}

/** A definitive answer as it is; a registry that could not answer as 503 UNAVAILABLE with a retry delay. */
function controlPlaneError(name: string, error: unknown): ApiError {
  const apiError = ApiError.from(error);
  if (DEFINITIVE.has(apiError.code)) return apiError;
  return ApiError.unavailable(
    `Cannot resolve "${name}" now: the registry did not answer (${apiError.status}); retry shortly.`,
    RETRY_AFTER_MS,
    error,
  );
}

/** A version serves once deployed, and while an update of its replicas is in progress (UPDATING). */
const SERVING_STATES = new Set(['READY', 'UPDATING']);

function assertReady(version: VersionFacts): void {
  if (SERVING_STATES.has(version.state)) return;
  const failure = version.state === 'FAILED' && version.errorMessage ? `: ${version.errorMessage}` : '';
  throw ApiError.failedPrecondition(
    `The version "${version.name}" cannot serve predictions: its state is ${version.state}${failure}.`,
    'VERSION_NOT_READY',
  );
}
