export { InstancesError } from './instances-error';
export { instancesToTensors } from './instances-to-tensors';
export type { ConvertedInstances } from './instances-to-tensors';
export { float32Json, tensorsToPredictions } from './tensors-to-predictions';
export { batchKey, mergeInstances } from './merge-instances';
