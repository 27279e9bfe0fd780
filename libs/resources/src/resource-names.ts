import { ApiError } from '@presage/errors';

/** Model, version and job ids: a letter, then letters, digits and underscores, at most 128 characters. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
/** Projects follow Google's project id rule, loosened to allow upper case and underscores. */
const PROJECT_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

export interface ModelName {
  project: string;
  model: string;
}

export interface VersionName extends ModelName {
  version: string;
}

export function validateId(id: string, field: string, kind: string): void {
  if (!id) throw ApiError.invalidArgument({ field, description: `A ${kind} name is required.` });
  if (!ID_PATTERN.test(id)) {
    throw ApiError.invalidArgument({
      field,
      description:
        `A ${kind} name must start with a letter and contain only letters, digits and underscores, ` +
        `at most 128 characters; got "${truncate(id)}".`,
    });
  }
}

export function parseProjectName(name: string, field: string): string {
  const match = /^projects\/([^/]+)$/.exec(name);
  if (!match || !PROJECT_PATTERN.test(match[1]!)) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}", got "${truncate(name)}".`,
    });
  }
  return match[1]!;
}

export function parseModelName(name: string, field: string): ModelName {
  const match = /^projects\/([^/]+)\/models\/([^/]+)$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}/models/{model}", got "${truncate(name)}".`,
    });
  }
  parseProjectName(`projects/${match[1]!}`, field);
  validateId(match[2]!, field, 'model');
  return { project: match[1]!, model: match[2]! };
}

export function parseVersionName(name: string, field: string): VersionName {
  const match = /^(projects\/[^/]+\/models\/[^/]+)\/versions\/([^/]+)$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}/models/{model}/versions/{version}", got "${truncate(name)}".`,
    });
  }
  const model = parseModelName(match[1]!, field);
  validateId(match[2]!, field, 'version');
  return { ...model, version: match[2]! };
}

/** Whether `name` is a version name `parseVersionName` accepts. */
export function isVersionName(name: string): boolean {
  try {
    parseVersionName(name, 'name');
    return true;
  } catch {
    return false;
  }
}

export function parseOperationName(name: string, field: string): { project: string; id: string } {
  const match = /^projects\/([^/]+)\/operations\/([^/]+)$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}/operations/{operation}", got "${truncate(name)}".`,
    });
  }
  return { project: match[1]!, id: match[2]! };
}

export interface JobName {
  project: string;
  job: string;
}

export function parseJobName(name: string, field: string): JobName {
  const match = /^projects\/([^/]+)\/jobs\/([^/]+)$/.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}/jobs/{job}", got "${truncate(name)}".`,
    });
  }
  parseProjectName(`projects/${match[1]!}`, field);
  validateId(match[2]!, field, 'job');
  return { project: match[1]!, job: match[2]! };
}

/** Whether `name` is a job name `parseJobName` accepts. */
export function isJobName(name: string): boolean {
  try {
    parseJobName(name, 'name');
    return true;
  } catch {
    return false;
  }
}

export function modelResourceName(name: ModelName): string {
  return `projects/${name.project}/models/${name.model}`;
}

export function versionResourceName(name: VersionName): string {
  return `${modelResourceName(name)}/versions/${name.version}`;
}

/** AI Platform's operation names: `projects/p/operations/create_m_v-<timestamp>`. */
export function operationName(project: string, verb: string, parts: string[], now: Date): string {
  return `projects/${project}/operations/${verb}_${parts.join('_')}-${now.getTime()}`;
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
