import { packAny, toTimestamp } from '@presage/proto';
import type { AnyMessage, DeploymentEvent, Model, Operation, Version } from '@presage/proto';
import type {
  DeploymentEventRecord,
  ModelRecord,
  OperationRecord,
  StoredAny,
  VersionRecord,
} from '../domain/records';
import { modelResourceName, versionResourceName } from '@presage/resources';
import { monitoringConfigMessage } from '../monitoring/monitoring-config';

/** Records → proto messages in the shape @grpc/proto-loader serialises. */

export function modelMessage(model: ModelRecord, defaultVersion: VersionRecord | undefined): Model {
  return {
    name: modelResourceName({ project: model.project, model: model.name }),
    description: model.description,
    defaultVersion: defaultVersion ? versionMessage(defaultVersion) : null,
    regions: model.regions,
    onlinePredictionLogging: model.onlinePredictionLogging,
    onlinePredictionConsoleLogging: model.onlinePredictionConsoleLogging,
    labels: model.labels,
    etag: Buffer.from(model.etag, 'hex'),
    aliases: model.aliases,
    trafficSplit: model.trafficSplit,
    shadow: model.shadow,
    createTime: toTimestamp(model.createTime),
    updateTime: toTimestamp(model.updateTime),
  };
}

export function versionMessage(version: VersionRecord): Version {
  return {
    ...(version.spec as Partial<Version>),
    monitoringConfig: version.spec.monitoringConfig
      ? monitoringConfigMessage(version.spec.monitoringConfig)
      : null,
    name: versionResourceName({ project: version.project, model: version.model, version: version.name }),
    description: version.description,
    isDefault: version.isDefault,
    deploymentUri: version.deploymentUri,
    createTime: toTimestamp(version.createTime),
    lastUseTime: version.lastUseTime ? toTimestamp(version.lastUseTime) : null,
    runtimeVersion: version.runtimeVersion,
    state: version.state,
    errorMessage: version.errorMessage,
    framework: version.framework as Version['framework'],
    labels: version.labels,
    etag: Buffer.from(version.etag, 'hex'),
    lineage: version.lineage,
    signature: version.signature,
    updateTime: toTimestamp(version.updateTime),
  };
}

export function eventMessage(version: VersionRecord, event: DeploymentEventRecord): DeploymentEvent {
  return {
    name: `${versionResourceName({ project: version.project, model: version.model, version: version.name })}/deploymentEvents/${event.id}`,
    type: event.type as DeploymentEvent['type'],
    time: toTimestamp(event.time),
    actor: event.actor,
    message: event.message,
    replicas: event.replicas,
  };
}

export function operationMessage(op: OperationRecord): Operation {
  const metadata = packAny('presage.v1.OperationMetadata', {
    ...op.metadata,
    createTime: toTimestamp(op.createTime),
    ...(op.endTime ? { endTime: toTimestamp(op.endTime) } : {}),
    isCancellationRequested: op.cancelRequested,
    operationType: op.operationType,
  });
  const message: Operation = { name: op.name, metadata, done: op.done };
  if (op.error) {
    message.error = {
      code: op.error.code,
      message: op.error.message,
      details: (op.error.details ?? []).map(fromStoredAny),
    };
  } else if (op.response) {
    message.response = fromStoredAny(op.response);
  }
  return message;
}

export function toStoredAny(any: AnyMessage): StoredAny {
  return { typeUrl: any.type_url, value: Buffer.from(any.value).toString('base64') };
}

export function fromStoredAny(any: StoredAny): AnyMessage {
  return { type_url: any.typeUrl, value: Buffer.from(any.value, 'base64') };
}

/** A version snapshot for OperationMetadata: stored as JSON, so without its binary etag. */
export function versionSnapshot(version: VersionRecord): Record<string, unknown> {
  const { etag: _etag, ...rest } = versionMessage(version);
  return rest;
}
