import type { Permission } from '@presage/resources';

/** What a public method needs: a permission, on the project its request names in `field`. */
export interface MethodPermission {
  permission: Permission;
  /** The request field holding the resource name (`projects/{p}/…`) the permission is checked on. */
  field: 'name' | 'parent' | 'resource';
}

const on = (permission: Permission, field: MethodPermission['field']): MethodPermission => ({
  permission,
  field,
});

/**
 * Every public method and the permission it needs, by method path. A method missing here is refused to
 * everyone while auth is on (a spec checks that every public method is listed).
 */
export const METHOD_PERMISSIONS: Readonly<Record<string, MethodPermission>> = {
  '/presage.v1.ModelService/CreateModel': on('ml.models.create', 'parent'),
  '/presage.v1.ModelService/ListModels': on('ml.models.list', 'parent'),
  '/presage.v1.ModelService/GetModel': on('ml.models.get', 'name'),
  '/presage.v1.ModelService/UpdateModel': on('ml.models.update', 'name'),
  '/presage.v1.ModelService/DeleteModel': on('ml.models.delete', 'name'),
  '/presage.v1.ModelService/CreateVersion': on('ml.versions.create', 'parent'),
  '/presage.v1.ModelService/ListVersions': on('ml.versions.list', 'parent'),
  '/presage.v1.ModelService/GetVersion': on('ml.versions.get', 'name'),
  '/presage.v1.ModelService/UpdateVersion': on('ml.versions.update', 'name'),
  '/presage.v1.ModelService/DeleteVersion': on('ml.versions.delete', 'name'),
  '/presage.v1.ModelService/SetDefaultVersion': on('ml.versions.update', 'name'),
  '/presage.v1.ModelService/ListDeploymentEvents': on('ml.versions.get', 'parent'),
  '/presage.v1.ModelService/GetMonitoringStats': on('ml.versions.get', 'name'),
  '/presage.v1.OnlinePredictionService/Predict': on('ml.models.predict', 'name'),
  '/presage.v1.JobService/CreateJob': on('ml.jobs.create', 'parent'),
  '/presage.v1.JobService/ListJobs': on('ml.jobs.list', 'parent'),
  '/presage.v1.JobService/GetJob': on('ml.jobs.get', 'name'),
  '/presage.v1.JobService/UpdateJob': on('ml.jobs.update', 'name'),
  '/presage.v1.JobService/CancelJob': on('ml.jobs.cancel', 'name'),
  '/presage.v1.Operations/ListOperations': on('ml.operations.list', 'name'),
  '/presage.v1.Operations/GetOperation': on('ml.operations.get', 'name'),
  '/presage.v1.Operations/CancelOperation': on('ml.operations.cancel', 'name'),
  '/google.longrunning.Operations/ListOperations': on('ml.operations.list', 'name'),
  '/google.longrunning.Operations/GetOperation': on('ml.operations.get', 'name'),
  '/google.longrunning.Operations/WaitOperation': on('ml.operations.get', 'name'),
  '/google.longrunning.Operations/CancelOperation': on('ml.operations.cancel', 'name'),
  '/google.longrunning.Operations/DeleteOperation': on('ml.operations.cancel', 'name'),
  '/presage.v1.AutoscalingService/ListScalingDecisions': on('ml.versions.get', 'parent'),
  '/presage.v1.AccessService/CreateApiKey': on('ml.apiKeys.create', 'parent'),
  '/presage.v1.AccessService/ListApiKeys': on('ml.apiKeys.list', 'parent'),
  '/presage.v1.AccessService/GetApiKey': on('ml.apiKeys.get', 'name'),
  '/presage.v1.AccessService/DeleteApiKey': on('ml.apiKeys.delete', 'name'),
  '/presage.v1.AccessService/GetIamPolicy': on('ml.projects.getIamPolicy', 'resource'),
  '/presage.v1.AccessService/SetIamPolicy': on('ml.projects.setIamPolicy', 'resource'),
  '/presage.v1.AccessService/GetQuotaSettings': on('ml.quotas.get', 'name'),
  '/presage.v1.AccessService/UpdateQuotaSettings': on('ml.quotas.update', 'name'),
};
