/** How the records of an input file are framed: AI Platform's batch `dataFormat` values. */
export type RecordFormat = 'JSON' | 'TEXT' | 'TF_RECORD';

/**
 * Part of one input file's records: the unit a batch worker claims. Plain JSON lines are split on byte
 * offsets (a line belongs to the range its first byte is in, so ranges need no index); TFRecord files and
 * gzip-compressed files are split on record numbers.
 */
export interface RecordRange {
  path: string;
  format: RecordFormat;
  gzip: boolean;
  /** Plain JSON/TEXT: the lines starting at an offset in [byteStart, byteEnd). Plain TF_RECORD: the offset of record recordStart. */
  byteStart: number;
  byteEnd: number;
  /** TF_RECORD and gzip files: records [recordStart, recordEnd) of the file, counted from 0. */
  recordStart: number;
  recordEnd: number;
}

/** One record of a range: its bytes, or why it cannot be read (a corrupt TFRecord, say). */
export type RecordEntry = { data: Buffer; error?: undefined } | { data?: undefined; error: string };
