/**
 * Resource names (AIP-122) from what a user types: an id (`iris`) within `--project`, or a full name
 * (`projects/demo/models/iris`) as it is.
 */
/** An id as one path segment; `@` stays (a model's `iris@champion` names a version by alias). */
const segment = (id: string): string => encodeURIComponent(id).replace(/%40/g, '@');

export function projectName(project: string): string {
  return `projects/${segment(project)}`;
}

export function modelName(project: string, model: string): string {
  return model.startsWith('projects/') ? model : `${projectName(project)}/models/${segment(model)}`;
}

export function versionName(project: string, model: string, version: string): string {
  return version.startsWith('projects/')
    ? version
    : `${modelName(project, model)}/versions/${segment(version)}`;
}

export function jobName(project: string, job: string): string {
  return job.startsWith('projects/') ? job : `${projectName(project)}/jobs/${segment(job)}`;
}

export function operationName(project: string, operation: string): string {
  return operation.startsWith('projects/')
    ? operation
    : `${projectName(project)}/operations/${segment(operation)}`;
}

/** The last segment of a resource name: `projects/demo/models/iris` → `iris`. */
export function idOf(name: unknown): string {
  return typeof name === 'string' ? (name.split('/').pop() ?? name) : '';
}
