export { isGzipFile } from './gzip-sniff';
export { readGzipLines, readLineRange } from './json-lines';
export { planRecordFile } from './plan-ranges';
export type { FilePlan, PlanOptions } from './plan-ranges';
export { readRecordRange } from './read-range';
export type { RecordEntry, RecordFormat, RecordRange } from './record-range';
export { indexTfRecordFile, readTfRecordRange } from './tfrecord-files';
export type { TfRecordIndex } from './tfrecord-files';
