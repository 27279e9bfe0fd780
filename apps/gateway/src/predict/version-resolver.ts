import { ApiError, StatusCode } from '@presage/errors';
import { nameSegments } from '@presage/resources';
import type { RequestLogSettings } from './request-log';
import type { ShadowTarget } from './shadow-traffic';
import { TrafficSplit } from './traffic-split';

/** The version (or versions) a predict call is served by. */
export interface ResolvedVersion {
  /** `projects/{p}/models/{m}/versions/{v}`: the version serving, when there is no split. */
  name: string;
  /** A model-level name whose model has a traffic split: each request picks its version from it. */
  split?: TrafficSplit | undefined;
  /** A model-level name whose model has shadow traffic: where the copies go. */
  shadow?: ShadowTarget | undefined;
  /** Version name → its requestLoggingConfig, for the versions that have one; undefined when none has. */
  requestLogs?: ReadonlyMap<string, RequestLogSettings> | undefined;
  /** The model's onlinePredictionLogging: an access-log line per prediction. */
  accessLog?: boolean | undefined;
}

/** What the resolver needs from the registry's Model. */
export interface ModelFacts {
  defaultVersion: VersionFacts | null;
  /** Alias → version id. @default {} */
  aliases?: Record<string, string> | undefined;
  /** Version id → percent. @default {} */
  trafficSplit?: Record<string, number> | undefined;
  shadow?: { version: string; percent: number } | null | undefined;
  /** @default false */
  onlinePredictionLogging?: boolean | undefined;
}

/** What the resolver needs from the registry's ModelService. */
export interface VersionLookup {
  getModel(name: string): Promise<ModelFacts>;
  getVersion(name: string): Promise<VersionFacts>;
}

export interface VersionFacts {
  name: string;
  state: string;
  errorMessage: string;
  /** @default null (no request logging) */
  requestLoggingConfig?: { samplingPercentage: number; bigqueryTableName: string } | null | undefined;
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
   * A model name (its traffic split, else its default version, and its shadow), an alias name
   * (`projects/{p}/models/{m}@{alias}`: the version the alias names) or a version name → a READY
   * version, else an ApiError. Once a name resolved, it keeps resolving while the registry (or its
   * database) cannot be reached: the last answer stands until the registry gives another. A name never
   * resolved then answers UNAVAILABLE.
   */
  resolve(name: string): Promise<ResolvedVersion>;
}

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
    let version: ResolvedVersion;
    try {
      version = await this.lookUp(name);
    } catch (error) {
      throw controlPlaneError(name, error);
    }
    this.remember(name, { version, checkedAt: this.now(), checking: false });
    return version;
  }

  /** Looks the name up again: a definitive answer replaces or drops the resolution, a failure keeps it. */
  private async check(name: string, cached: Resolution): Promise<void> {
    cached.checking = true;
    try {
      cached.version = await this.lookUp(name);
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

  /** The registry's answer for a name, READY (or UPDATING) versions only; a definitive refusal throws. */
  private async lookUp(name: string): Promise<ResolvedVersion> {
    const at = name.indexOf('@');
    if (at >= 0) return this.lookUpAlias(name.slice(0, at), name.slice(at + 1));
    const kind = nameSegments(name)?.kind;
    if (kind === 'version') {
      const [version, model] = await Promise.all([
        this.lookup.getVersion(name),
        this.lookup.getModel(name.slice(0, name.indexOf('/versions/'))),
      ]);
      return withLogging(servingVersion(version), model, [version]);
    }
    if (kind !== 'model') throw notAPredictName(name);
    const model = await this.lookup.getModel(name);
    const shadow = shadowOf(name, model);
    const split = TrafficSplit.of(name, model.trafficSplit ?? {});
    if (split) {
      const versions = await Promise.all(split.versions.map((version) => this.lookup.getVersion(version)));
      return withLogging({ name: split.versions[0]!, split, shadow }, model, versions);
    }
    if (!model.defaultVersion?.name) {
      throw new ApiError(
        StatusCode.NOT_FOUND,
        `The model "${name}" has no default version to predict with: create a version, or name one in the URL (${name}/versions/{version}:predict).`,
      );
    }
    return withLogging({ ...servingVersion(model.defaultVersion), shadow }, model, [model.defaultVersion]);
  }

  /** `projects/{p}/models/{m}@{alias}` → the version the alias names, which must be READY. */
  private async lookUpAlias(model: string, alias: string): Promise<ResolvedVersion> {
    if (nameSegments(model)?.kind !== 'model' || !ALIAS_PATTERN.test(alias)) {
      throw notAPredictName(`${model}@${alias}`);
    }
    const facts = await this.lookup.getModel(model);
    const { aliases = {} } = facts;
    const id = aliases[alias];
    if (!id) {
      const known = Object.keys(aliases).sort();
      throw new ApiError(
        StatusCode.NOT_FOUND,
        `The model "${model}" has no alias "${alias}"; ${known.length ? `its aliases: ${known.join(', ')}` : 'it has no aliases'}.`,
      );
    }
    const version = await this.lookup.getVersion(`${model}/versions/${id}`);
    return withLogging(servingVersion(version), facts, [version]);
  }
}

/** The resolution with its versions' request logging and its model's access log, when they are on. */
function withLogging(
  resolved: ResolvedVersion,
  model: ModelFacts,
  versions: VersionFacts[],
): ResolvedVersion {
  let requestLogs: Map<string, RequestLogSettings> | undefined;
  for (const version of versions) {
    const config = version.requestLoggingConfig;
    if (!config || !(config.samplingPercentage > 0) || !config.bigqueryTableName) continue;
    const at = version.name.indexOf('/versions/');
    (requestLogs ??= new Map()).set(version.name, {
      table: config.bigqueryTableName,
      sampling: Math.min(1, config.samplingPercentage),
      model: version.name.slice(0, at),
      versionId: version.name.slice(at + '/versions/'.length),
    });
  }
  if (requestLogs) resolved.requestLogs = requestLogs;
  if (model.onlinePredictionLogging) resolved.accessLog = true;
  return resolved;
}

/** An alias: a lowercase letter, then lowercase letters, digits, `_` or `-`, at most 63 characters. */
const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;

function notAPredictName(name: string): ApiError {
  return ApiError.invalidArgument({
    field: 'name',
    description: `"${name}" is not a name to predict with: expected projects/{project}/models/{model}, projects/{project}/models/{model}@{alias} or projects/{project}/models/{model}/versions/{version}`,
  });
}

function shadowOf(model: string, facts: ModelFacts): ShadowTarget | undefined {
  const { shadow } = facts;
  if (!shadow?.version || !(shadow.percent > 0)) return undefined;
  return { version: `${model}/versions/${shadow.version}`, percent: Math.min(100, shadow.percent) };
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

function servingVersion(version: VersionFacts): ResolvedVersion {
  if (SERVING_STATES.has(version.state)) return { name: version.name };
  const failure = version.state === 'FAILED' && version.errorMessage ? `: ${version.errorMessage}` : '';
  throw ApiError.failedPrecondition(
    `The version "${version.name}" cannot serve predictions: its state is ${version.state}${failure}.`,
    'VERSION_NOT_READY',
  );
}
