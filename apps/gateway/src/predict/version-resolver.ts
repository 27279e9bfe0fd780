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
  /** How long a READY resolution is reused; so `:setDefault` takes effect within it. @default 1000 */
  ttlMs?: number;
  now?: () => number;
}

export interface VersionResolver {
  /** A model name (its default version) or a version name → a READY version, else an ApiError. */
  resolve(name: string): Promise<ResolvedVersion>;
}

const MODEL = /^projects\/[^/]+\/models\/[^/]+$/;
const VERSION = /^projects\/[^/]+\/models\/[^/]+\/versions\/[^/]+$/;

export function createVersionResolver(
  lookup: VersionLookup,
  options: VersionResolverOptions = {},
): VersionResolver {
  const ttlMs = options.ttlMs ?? 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { version: ResolvedVersion; expires: number }>();

  const lookUp = async (name: string): Promise<VersionFacts> => {
    if (VERSION.test(name)) return lookup.getVersion(name);
    if (!MODEL.test(name)) {
      throw ApiError.invalidArgument({
        field: 'name',
        description: `"${name}" is neither a model nor a version name: expected projects/{project}/models/{model}[/versions/{version}]`,
      });
    }
    const model = await lookup.getModel(name);
    if (!model.defaultVersion?.name) {
      throw new ApiError(
        StatusCode.NOT_FOUND,
        `The model "${name}" has no default version to predict with: create a version, or name one in the URL (${name}/versions/{version}:predict).`,
      );
    }
    return model.defaultVersion;
  };

  return {
    async resolve(name) {
      const cached = cache.get(name);
      if (cached && cached.expires > now()) return cached.version;
      const facts = await lookUp(name);
      assertReady(facts);
      const version = { name: facts.name };
      cache.set(name, { version, expires: now() + ttlMs });
      return version;
    },
  };
}

function assertReady(version: VersionFacts): void {
  if (version.state === 'READY') return;
  const failure = version.state === 'FAILED' && version.errorMessage ? `: ${version.errorMessage}` : '';
  throw ApiError.failedPrecondition(
    `The version "${version.name}" cannot serve predictions: its state is ${version.state}${failure}.`,
    'VERSION_NOT_READY',
  );
}
