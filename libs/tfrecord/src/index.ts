export { crc32c, maskedCrc32c } from './crc32c';
export { decodeTfExample, encodeTfExample, exampleToInstance, TfExampleError } from './tf-example';
export type { FeatureValues, TfExample } from './tf-example';
export { encodeTfRecord, readTfRecordEntries, readTfRecords, TfRecordError } from './tfrecord';
export type { ReadOptions, TfRecordEntry } from './tfrecord';
