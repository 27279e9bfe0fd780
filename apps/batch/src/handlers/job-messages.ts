import { toTimestamp } from '@presage/proto';
import type { Job } from '@presage/proto';
import type { InputProgress, JobCounts, JobRecord } from '../domain/job-record';

/** A job as the API returns it; `counts` and `progress` are the live ones while it runs. */
export function jobMessage(
  job: JobRecord,
  counts: JobCounts,
  progress: InputProgress,
  position: number,
): Job {
  return {
    jobId: job.jobId,
    predictionInput: job.predictionInput,
    createTime: toTimestamp(job.createTime),
    startTime: job.startTime ? toTimestamp(job.startTime) : null,
    endTime: job.endTime ? toTimestamp(job.endTime) : null,
    state: job.state,
    errorMessage: job.errorMessage,
    predictionOutput: {
      outputPath: job.spec.outputPath,
      predictionCount: String(counts.predictionCount),
      errorCount: String(counts.errorCount),
      nodeHours: counts.nodeHours,
      inputBytes: String(progress.inputBytes),
      processedInputBytes: String(progress.processedInputBytes),
      shardCount: progress.shardCount,
      shardsDone: progress.shardsDone,
    },
    labels: job.labels,
    etag: Buffer.from(job.etag, 'hex'),
    jobPosition: String(position),
  };
}
