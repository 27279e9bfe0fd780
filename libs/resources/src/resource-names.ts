import { ApiError } from '@presage/errors';

/** Model, version and job ids: a letter, then letters, digits and underscores, at most 128 characters. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
/** Projects follow Google's project id rule, loosened to allow upper case and underscores. */
const PROJECT_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

/**
 * The shape of each resource name, segments unchecked: the one place these patterns live. The parsers
 * below also check each segment (ids, project names); nameSegments only tells which shape a name has.
 */
const SHAPES = {
  project: /^projects\/([^/]+)$/,
  model: /^projects\/([^/]+)\/models\/([^/]+)$/,
  version: /^projects\/([^/]+)\/models\/([^/]+)\/versions\/([^/]+)$/,
  job: /^projects\/([^/]+)\/jobs\/([^/]+)$/,
  operation: /^projects\/([^/]+)\/operations\/([^/]+)$/,
} as const;

export type NameKind = keyof typeof SHAPES;

/** A name split by its shape: `projects/p/models/m` → { kind: 'model', project: 'p', model: 'm' }. */
export interface NameSegments {
  kind: NameKind;
  project: string;
  model?: string;
  version?: string;
  job?: string;
  operation?: string;
}

/** Which resource `name` names, by shape alone (no segment is validated); undefined for any other text. */
export function nameSegments(name: string): NameSegments | undefined {
  for (const kind of Object.keys(SHAPES) as NameKind[]) {
    const match = SHAPES[kind].exec(name);
    if (!match) continue;
    const [, project, second, third] = match as unknown as [string, string, string?, string?];
    switch (kind) {
      case 'project':
        return { kind, project };
      case 'model':
        return { kind, project, model: second! };
      case 'version':
        return { kind, project, model: second!, version: third! };
      case 'job':
        return { kind, project, job: second! };
      case 'operation':
        return { kind, project, operation: second! };
    }
  }
  return undefined;
}

/** The `projects/{p}/models/{m}` a name starts with (a predict path, a version), for labels; else undefined. */
export function modelPrefixOf(name: string): string | undefined {
  return /^projects\/[^/]+\/models\/[^/:]+/.exec(name)?.[0];
}

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
  const match = SHAPES.project.exec(name);
  if (!match || !PROJECT_PATTERN.test(match[1]!)) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}", got "${truncate(name)}".`,
    });
  }
  return match[1]!;
}

export function parseModelName(name: string, field: string): ModelName {
  const match = SHAPES.model.exec(name);
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
  const match = SHAPES.version.exec(name);
  if (!match) {
    throw ApiError.invalidArgument({
      field,
      description: `Expected "projects/{project}/models/{model}/versions/{version}", got "${truncate(name)}".`,
    });
  }
  const model = parseModelName(`projects/${match[1]!}/models/${match[2]!}`, field);
  validateId(match[3]!, field, 'version');
  return { ...model, version: match[3]! };
}

/** Whether `name` is a model name `parseModelName` accepts. */
export function isModelName(name: string): boolean {
  return accepts(parseModelName, name);
}

/** Whether `name` is a version name `parseVersionName` accepts. */
export function isVersionName(name: string): boolean {
  return accepts(parseVersionName, name);
}

export function parseOperationName(name: string, field: string): { project: string; id: string } {
  const match = SHAPES.operation.exec(name);
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
  const match = SHAPES.job.exec(name);
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
  return accepts(parseJobName, name);
}

export function modelResourceName(name: ModelName): string {
  return `projects/${name.project}/models/${name.model}`;
}

export function versionResourceName(name: VersionName): string {
  return `${modelResourceName(name)}/versions/${name.version}`;
}

export function jobResourceName(name: JobName): string {
  return `projects/${name.project}/jobs/${name.job}`;
}

/** AI Platform's operation names: `projects/p/operations/create_m_v-<timestamp>`. */
export function operationName(project: string, verb: string, parts: string[], now: Date): string {
  return `projects/${project}/operations/${verb}_${parts.join('_')}-${now.getTime()}`;
}

/** Whether `parse` takes `name` without an error. */
function accepts(parse: (name: string, field: string) => unknown, name: string): boolean {
  try {
    parse(name, 'name');
    return true;
  } catch {
    return false;
  }
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}
