import { AllowedPaths } from '@presage/env';
import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import { labelViolations, parseModelName, parseVersionName, validateId } from '@presage/resources';
import type { RecordFormat } from '@presage/record-files';
import type { Job, PredictionInput } from '@presage/proto';

/** What a job runs, from its predictionInput after validation (defaults filled in). */
export interface JobSpec {
  /** Exactly one is set. */
  modelName: string;
  versionName: string;
  uri: string;
  /** With `uri` only: Version.Framework name, or '' to detect it from the files. */
  framework: string;
  dataFormat: 'JSON' | 'TEXT' | 'TF_RECORD' | 'TF_RECORD_GZIP';
  /** Local paths (file:// removed); each may hold `*` wildcards. */
  inputPaths: string[];
  /** A local directory (file:// removed). */
  outputPath: string;
  /** As asked (default 10); the machine's bound applies when workers start. */
  maxWorkerCount: number;
  batchSize: number;
  signatureName: string;
}

export const DEFAULT_MAX_WORKER_COUNT = 10;
export const DEFAULT_BATCH_SIZE = 64;
export const MAX_BATCH_SIZE = 10_000;

const FIELD = 'job.prediction_input';

/**
 * Validates a CreateJob's job: every problem is listed as a field violation (INVALID_ARGUMENT);
 * trainingInput is UNIMPLEMENTED.
 */
export function validateNewJob(
  job: Job | null | undefined,
  allowedRoots: readonly string[] = [],
): {
  jobId: string;
  labels: Record<string, string>;
  spec: JobSpec;
} {
  if (!job) throw ApiError.invalidArgument({ field: 'job', description: 'A job is required.' });
  validateId(job.jobId ?? '', 'job.job_id', 'job');
  if (job.trainingInput) {
    throw ApiError.unimplemented(
      'Presage runs batch prediction jobs only: trainingInput is not supported. Submit a job with predictionInput.',
    );
  }
  const input = job.predictionInput;
  if (!input) {
    throw ApiError.invalidArgument({ field: FIELD, description: 'A predictionInput is required.' });
  }
  const violations: FieldViolation[] = [...labelViolations(job.labels ?? {}, 'job.labels')];
  const spec = predictionSpec(input, violations, allowedRoots);
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return { jobId: job.jobId!, labels: job.labels ?? {}, spec };
}

function predictionSpec(
  input: PredictionInput,
  violations: FieldViolation[],
  allowedRoots: readonly string[],
): JobSpec {
  const problem = (field: string, description: string) =>
    violations.push({ field: `${FIELD}.${field}`, description });
  const modelName = input.modelName ?? '';
  const versionName = input.versionName ?? '';
  const uri = input.uri ?? '';
  if (!modelName && !versionName && !uri) {
    problem('model_name', 'One of modelName, versionName or uri is required: the model to predict with.');
  }
  collect(violations, () => modelName && parseModelName(modelName, `${FIELD}.model_name`));
  collect(violations, () => versionName && parseVersionName(versionName, `${FIELD}.version_name`));
  const framework = String(input.framework ?? 'FRAMEWORK_UNSPECIFIED');
  if (framework !== 'FRAMEWORK_UNSPECIFIED' && !uri) {
    problem('framework', 'framework is only given with uri; a version already has its framework.');
  }
  const dataFormat = String(input.dataFormat ?? 'DATA_FORMAT_UNSPECIFIED');
  if (!['JSON', 'TEXT', 'TF_RECORD', 'TF_RECORD_GZIP'].includes(dataFormat)) {
    problem(
      'data_format',
      dataFormat === 'DATA_FORMAT_UNSPECIFIED'
        ? 'A dataFormat is required: JSON, TEXT, TF_RECORD or TF_RECORD_GZIP.'
        : `${dataFormat} is not supported as input; use JSON, TEXT, TF_RECORD or TF_RECORD_GZIP.`,
    );
  }
  const inputPaths = (input.inputPaths ?? []).map((p, i) =>
    localPath(p, `input_paths[${i}]`, problem, allowedRoots),
  );
  if (inputPaths.length === 0) problem('input_paths', 'At least one input path is required.');
  const outputPath = localPath(input.outputPath ?? '', 'output_path', problem, allowedRoots);
  const outputFormat = String(input.outputDataFormat ?? 'DATA_FORMAT_UNSPECIFIED');
  if (outputFormat !== 'DATA_FORMAT_UNSPECIFIED' && outputFormat !== 'JSON') {
    problem('output_data_format', `Only JSON output is supported; got ${outputFormat}.`);
  }
  const maxWorkerCount = count(
    input.maxWorkerCount,
    'max_worker_count',
    DEFAULT_MAX_WORKER_COUNT,
    1_000,
    problem,
  );
  const batchSize = count(input.batchSize, 'batch_size', DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, problem);
  return {
    modelName,
    versionName,
    uri: uri && modelUri(uri, allowedRoots, problem),
    framework: framework === 'FRAMEWORK_UNSPECIFIED' ? '' : framework,
    dataFormat: dataFormat as JobSpec['dataFormat'],
    inputPaths,
    outputPath,
    maxWorkerCount,
    batchSize,
    signatureName: input.signatureName ?? '',
  };
}

/** The record framing of a data format (TF_RECORD_GZIP is TF_RECORD; compression is sniffed per file). */
export function recordFormatOf(dataFormat: JobSpec['dataFormat']): RecordFormat {
  return dataFormat === 'TF_RECORD_GZIP' ? 'TF_RECORD' : dataFormat;
}

function localPath(
  value: string,
  field: string,
  problem: (field: string, description: string) => void,
  allowedRoots: readonly string[],
): string {
  if (!value) {
    problem(field, 'A path is required.');
    return '';
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'file') {
    problem(
      field,
      `${scheme}:// paths need an object store, which this Presage is not configured with; use a local path or file:// URI.`,
    );
    return '';
  }
  const local = stripFileScheme(value);
  if (local === undefined) {
    problem(field, badEscape(value));
    return '';
  }
  if (!local.startsWith('/')) {
    problem(field, `Use an absolute path or a file:// URI; got "${value.slice(0, 200)}".`);
  } else if (!isWithin(local, allowedRoots)) {
    problem(field, outsideRoots(allowedRoots));
  }
  return local;
}

/**
 * Whether a path (wildcards taken literally) lies under one of the directories batch jobs may use; with
 * none configured, any path may be used.
 */
export function isWithin(file: string, allowedRoots: readonly string[]): boolean {
  return new AllowedPaths(allowedRoots).contains(file);
}

/** Why `what` (@default 'The path') is refused: outside the allowed directories. */
export function outsideRoots(allowedRoots: readonly string[], what = 'The path'): string {
  return new AllowedPaths(allowedRoots).refusal(what);
}

/** The job's model directory: http(s) as it is, a local one (file:// removed) within the allowed directories. */
function modelUri(
  uri: string,
  allowedRoots: readonly string[],
  problem: (field: string, description: string) => void,
): string {
  if (/^https?:\/\//i.test(uri)) return uri;
  const local = stripFileScheme(uri);
  if (local === undefined) {
    problem('uri', badEscape(uri));
    return '';
  }
  if (local.startsWith('/') && !isWithin(local, allowedRoots)) problem('uri', outsideRoots(allowedRoots));
  return local;
}

/** The local path of a `file://` URI (percent-escapes decoded), the value itself otherwise; undefined for a bad escape. */
function stripFileScheme(value: string): string | undefined {
  if (!value.startsWith('file://')) return value;
  try {
    return decodeURIComponent(value.slice('file://'.length));
  } catch {
    return undefined;
  }
}

function badEscape(value: string): string {
  return `"${value.slice(0, 200)}" is not a valid file:// URI: a % must start an escape such as %20.`;
}

function count(
  value: unknown,
  field: string,
  fallback: number,
  max: number,
  problem: (field: string, description: string) => void,
): number {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '0';
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < 0 || n > max) {
    problem(field, `Must be an integer from 1 to ${max} (0 or unset: ${fallback}); got ${text}.`);
    return fallback;
  }
  return n === 0 ? fallback : n;
}

/** Runs a check that throws an INVALID_ARGUMENT and keeps its violations with the others. */
function collect(violations: FieldViolation[], check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    for (const detail of error.details) {
      if (detail['@type'] === 'type.googleapis.com/google.rpc.BadRequest')
        violations.push(...detail.fieldViolations);
    }
  }
}
