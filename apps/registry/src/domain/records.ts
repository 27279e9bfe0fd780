import type { StoredMonitoringConfig } from '../monitoring/monitoring-config';

/** What the registry stores, as the store hands it to handlers. Timestamps are Dates; JSON parts as objects. */
export type VersionState = 'READY' | 'CREATING' | 'FAILED' | 'DELETING' | 'UPDATING';
export type OperationType =
  'CREATE_VERSION' | 'DELETE_VERSION' | 'DELETE_MODEL' | 'UPDATE_MODEL' | 'UPDATE_VERSION';

export interface ModelRecord {
  id: string;
  project: string;
  name: string;
  description: string;
  regions: string[];
  onlinePredictionLogging: boolean;
  onlinePredictionConsoleLogging: boolean;
  labels: Record<string, string>;
  /** Presage: alias → version id of this model (domain/model-rollout.ts says what is valid). */
  aliases: Record<string, string>;
  /** Presage: version id → percent of model-level predictions; empty: the default version serves them. */
  trafficSplit: Record<string, number>;
  /** Presage: the version receiving copies of model-level predictions, and how many; null: none. */
  shadow: ShadowTraffic | null;
  etag: string;
  createTime: Date;
  updateTime: Date;
}

export interface ShadowTraffic {
  version: string;
  percent: number;
}

/** Version fields stored as one JSON document: the rest of the Version message a user may set. */
export interface VersionSpec {
  manualScaling?: { nodes: number } | null;
  autoScaling?: {
    minNodes: number;
    maxNodes: number;
    metrics?: unknown[];
    /** Presage: concurrent requests per replica the autoscaler aims for; 0 or absent: its default. */
    targetConcurrency?: number;
  } | null;
  pythonVersion?: string;
  machineType?: string;
  acceleratorConfig?: unknown;
  predictionClass?: string;
  packageUris?: string[];
  serviceAccount?: string;
  requestLoggingConfig?: { bigqueryTableName: string; samplingPercentage: number } | null;
  routes?: unknown;
  /** Presage: adaptive batching; 0 or absent fields take the predictor's defaults. */
  batching?: { maxBatchSize: number; maxQueueDelayMs: number } | null;
  /** Presage: model monitoring, its baseline resolved to statistics (monitoring/monitoring-config.ts). */
  monitoringConfig?: StoredMonitoringConfig | null;
}

export interface VersionRecord {
  id: string;
  modelId: string;
  project: string;
  model: string;
  name: string;
  description: string;
  state: VersionState;
  errorMessage: string;
  deploymentUri: string;
  runtimeVersion: string;
  framework: string;
  isDefault: boolean;
  labels: Record<string, string>;
  spec: VersionSpec;
  lineage: Record<string, unknown>;
  signature: Record<string, unknown> | null;
  etag: string;
  createTime: Date;
  updateTime: Date;
  lastUseTime: Date | null;
}

/** A google.protobuf.Any kept as JSON: the type URL and the encoded message in base64. */
export interface StoredAny {
  typeUrl: string;
  value: string;
}

/** google.rpc.Status with its details packed. */
export interface StoredStatus {
  code: number;
  message: string;
  details?: StoredAny[];
}

export interface OperationRecord {
  id: string;
  name: string;
  project: string;
  operationType: OperationType;
  versionId: string | null;
  /** OperationMetadata in its loader shape, without the time fields (they come from the columns). */
  metadata: Record<string, unknown>;
  done: boolean;
  cancelRequested: boolean;
  error: StoredStatus | null;
  /** The response message, encoded when the operation completed. */
  response: StoredAny | null;
  createTime: Date;
  endTime: Date | null;
}

export interface DeploymentEventRecord {
  id: string;
  versionId: string;
  type: string;
  time: Date;
  actor: string;
  message: string;
  replicas: number;
}
