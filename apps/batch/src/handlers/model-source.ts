import { ApiError, StatusCode, badRequest, resourceInfo } from '@presage/errors';
import type { PromiseClient } from '@presage/grpc-kit';
import type { ModelServiceHandlers } from '@presage/proto/src/generated/presage/v1/ModelService';
import type { ModelSource } from '../domain/job-record';
import type { JobSpec } from '../domain/job-spec';

type Registry = PromiseClient<ModelServiceHandlers>;

interface VersionFacts {
  name: string;
  state: string;
  deploymentUri: string;
  framework: string;
  predictionClass: string;
  packageUris: string[];
}

const FIELD = 'job.prediction_input';

/**
 * The model a new job predicts with: the job's `uri`, the named version, or the model's default version
 * now (a later change of the default does not move a submitted job). The version must be READY.
 */
export async function resolveModelSource(registry: Registry, spec: JobSpec): Promise<ModelSource> {
  if (spec.uri) {
    return {
      version: '',
      modelUri: spec.uri,
      framework: spec.framework,
      predictionClass: '',
      packageUris: [],
    };
  }
  let version: VersionFacts;
  if (spec.versionName) {
    version = await lookUp(`${FIELD}.version_name`, 'version', spec.versionName, () =>
      registry.GetVersion({ name: spec.versionName }),
    );
  } else {
    const model = await lookUp(`${FIELD}.model_name`, 'model', spec.modelName, () =>
      registry.GetModel({ name: spec.modelName }),
    );
    if (!model.defaultVersion?.name) {
      throw ApiError.failedPrecondition(
        `Field: ${FIELD}.model_name Error: The model "${spec.modelName}" has no default version to predict with; create a version or give versionName.`,
        'NO_DEFAULT_VERSION',
      );
    }
    version = model.defaultVersion;
  }
  // An UPDATING version keeps serving while its replicas change: it can run a job too.
  if (version.state !== 'READY' && version.state !== 'UPDATING') {
    throw ApiError.failedPrecondition(
      `The version "${version.name}" cannot run a batch prediction job: its state is ${version.state}.`,
      'VERSION_NOT_READY',
    );
  }
  return {
    version: version.name,
    modelUri: version.deploymentUri,
    framework: version.framework === 'FRAMEWORK_UNSPECIFIED' ? '' : version.framework,
    predictionClass: version.predictionClass,
    packageUris: version.packageUris,
  };
}

/** Calls the registry; its NOT_FOUND is reported on the job's field, AI Platform's way. */
async function lookUp<T>(field: string, kind: string, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const apiError = ApiError.from(error);
    if (apiError.code !== StatusCode.NOT_FOUND) {
      if (apiError.code === StatusCode.UNAVAILABLE || apiError.code === StatusCode.DEADLINE_EXCEEDED) {
        throw ApiError.unavailable(
          `The registry could not be reached to look up ${name}; retry shortly.`,
          1000,
          error,
        );
      }
      throw apiError;
    }
    const description =
      kind === 'model'
        ? `The model resource: "${name}" was not found. Please create the model resource first by using 'gcloud ai-platform models create ${name.split('/').pop()!}'.`
        : `The version resource: "${name}" was not found.`;
    throw new ApiError(StatusCode.NOT_FOUND, `Field: ${field} Error: ${description}`, {
      details: [badRequest([{ field, description }]), resourceInfo(kind, name)],
    });
  }
}
