import { ApiError, StatusCode } from '@presage/errors';
import type { Version__Output } from '@presage/proto';
import type { SignatureTensor } from './instances-body';

/** A v2 model name `{project}.{model}` as Presage names it. */
export interface ModelRef {
  /** As the client wrote it; answers echo it. */
  v2Name: string;
  /** `projects/{project}/models/{model}`. */
  resource: string;
}

/** A version as the v2 endpoint serves it. */
export interface ServedVersion {
  /** `projects/{p}/models/{m}/versions/{v}`. */
  name: string;
  /** The version id `{v}`. */
  id: string;
  state: string;
  errorMessage: string;
  platform: string;
  inputs: SignatureTensor[];
  outputs: SignatureTensor[];
}

/** What the catalog needs from the registry's ModelService. */
export interface CatalogLookup {
  getModel(name: string): Promise<{ defaultVersion: Version__Output | null }>;
  getVersion(name: string): Promise<Version__Output>;
  listVersions(
    parent: string,
    pageToken: string,
  ): Promise<{ versions: Version__Output[]; nextPageToken: string }>;
}

export interface ModelCatalogOptions {
  /** How long a resolution is served before it is looked up again (in the background). @default 1000 */
  ttlMs?: number;
  /** The most resolutions kept; the oldest goes first. @default 10_000 */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  version: ServedVersion;
  checkedAt: number;
  checking: boolean;
}

/** States in which a version serves predictions (the predict router's rule). */
export const SERVING_STATES: ReadonlySet<string> = new Set(['READY', 'UPDATING']);
/** Registry answers that settle a name; anything else keeps the last resolution. */
const DEFINITIVE = new Set<StatusCode>([StatusCode.NOT_FOUND, StatusCode.INVALID_ARGUMENT]);
const MAX_LISTED_PAGES = 20;

/** `{project}.{model}` → its resource; NOT_FOUND saying the form for anything else. */
export function parseModelName(v2Name: string): ModelRef {
  const dot = v2Name.lastIndexOf('.');
  const project = v2Name.slice(0, dot);
  const model = v2Name.slice(dot + 1);
  if (dot <= 0 || model === '' || /[/\s]/.test(v2Name)) {
    throw new ApiError(
      StatusCode.NOT_FOUND,
      `Unknown model "${v2Name}": Presage names v2 models {project}.{model}, e.g. demo.iris.`,
    );
  }
  return { v2Name, resource: `projects/${project}/models/${model}` };
}

/**
 * The versions v2 requests name (`{project}.{model}` and a version id, or none for the default), with
 * their signatures, cached like the predict router's resolutions: served from memory and looked up
 * again in the background once `ttlMs` old, so `:setDefault` takes effect within about that time.
 */
export class ModelCatalog {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: CatalogLookup,
    options: ModelCatalogOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The version named, or the model's default; NOT_FOUND for unknown models and versions. */
  async version(model: ModelRef, versionId: string): Promise<ServedVersion> {
    const key = `${model.resource}/${versionId}`;
    const cached = this.cache.get(key);
    if (!cached) {
      const version = await this.lookUp(model, versionId);
      this.remember(key, { version, checkedAt: this.now(), checking: false });
      return version;
    }
    if (!cached.checking && this.now() - cached.checkedAt >= this.ttlMs)
      void this.check(key, cached, model, versionId);
    return cached.version;
  }

  /** The ids of the model's versions that serve, for model metadata. */
  async servingVersionIds(model: ModelRef): Promise<string[]> {
    const ids: string[] = [];
    let pageToken = '';
    for (let page = 0; page < MAX_LISTED_PAGES; page++) {
      const listed = await this.lookup.listVersions(model.resource, pageToken);
      for (const version of listed.versions) {
        if (SERVING_STATES.has(version.state)) ids.push(versionId(version.name));
      }
      pageToken = listed.nextPageToken;
      if (!pageToken) break;
    }
    return ids;
  }

  private async check(key: string, entry: Entry, model: ModelRef, versionId: string): Promise<void> {
    entry.checking = true;
    try {
      entry.version = await this.lookUp(model, versionId);
    } catch (error) {
      if (DEFINITIVE.has(ApiError.from(error).code)) this.cache.delete(key);
    } finally {
      entry.checking = false;
      entry.checkedAt = this.now();
    }
  }

  private async lookUp(model: ModelRef, id: string): Promise<ServedVersion> {
    if (id) {
      if (/[/\s]/.test(id))
        throw new ApiError(StatusCode.NOT_FOUND, `Unknown version "${id}" of ${model.v2Name}.`);
      return servedVersion(await this.lookup.getVersion(`${model.resource}/versions/${id}`));
    }
    const { defaultVersion } = await this.lookup.getModel(model.resource);
    if (!defaultVersion?.name) {
      throw new ApiError(
        StatusCode.NOT_FOUND,
        `The model "${model.v2Name}" has no default version: create a version, or name one.`,
      );
    }
    return servedVersion(defaultVersion);
  }

  private remember(key: string, entry: Entry): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}

function servedVersion(version: Version__Output): ServedVersion {
  const tensors = (list: { name: string; dtype: string; shape: (string | number)[] }[] | undefined) =>
    (list ?? []).map((spec) => ({ name: spec.name, dtype: spec.dtype, shape: spec.shape.map(Number) }));
  return {
    name: version.name,
    id: versionId(version.name),
    state: version.state,
    errorMessage: version.errorMessage,
    platform: platformOf(version),
    inputs: tensors(version.signature?.inputs),
    outputs: tensors(version.signature?.outputs),
  };
}

function versionId(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The spec's informational platform string: `onnx_onnxv1` for ONNX (XGBoost and scikit-learn arrive as ONNX). */
function platformOf(version: Version__Output): string {
  if (version.predictionClass) return 'presage_custom';
  switch (version.framework) {
    case 'ONNX':
    case 'XGBOOST':
    case 'SCIKIT_LEARN':
      return 'onnx_onnxv1';
    case 'TENSORFLOW':
      return 'tensorflow_tfjs';
    default:
      return 'presage';
  }
}
