import { ApiError } from '@presage/errors';
import { alreadyExistsOn, inTransaction } from '@presage/db';
import type { AsyncHandlers } from '@presage/grpc-kit';
import {
  checkEtag,
  decodePageToken,
  labelViolations,
  messagePage,
  newEtag,
  pageSizeOf,
  parseFilter,
  parseJobName,
  parseProjectName,
  validateUpdateMask,
} from '@presage/resources';
import type { JobServiceHandlers } from '@presage/proto';
import type { JobRecord } from '../domain/job-record';
import { jobResourceName, TERMINAL_STATES } from '../domain/job-record';
import { validateNewJob } from '../domain/job-spec';
import { countActiveJobs, findJob, insertJob, JOB_FILTER_FIELDS, listJobs, updateJob } from '../store/jobs';
import type { BatchDeps } from './deps';
import { currentCounts, currentInputProgress, NO_INPUT_PROGRESS, positionOf } from './job-progress';
import { jobMessage } from './job-messages';
import { resolveModelSource } from './model-source';

/** The wait a job quota refusal suggests: jobs take minutes, not milliseconds. */
const JOB_QUOTA_RETRY_MS = 30_000;

const JOB_KNOWN_PATHS = [
  'job_id',
  'prediction_input',
  'training_input',
  'create_time',
  'start_time',
  'end_time',
  'state',
  'error_message',
  'prediction_output',
  'job_position',
];

export function createJobHandlers(deps: BatchDeps): AsyncHandlers<JobServiceHandlers> {
  /** The jobs as the API returns them, with one read of their shards' input progress for all. */
  const jobMessages = async (jobs: readonly JobRecord[]) => {
    const progress = await currentInputProgress(deps.knex, jobs);
    return Promise.all(
      jobs.map(async (job) =>
        jobMessage(
          job,
          await currentCounts(deps.knex, job, deps.now()),
          progress.get(job.id) ?? NO_INPUT_PROGRESS,
          await positionOf(deps.knex, job),
        ),
      ),
    );
  };
  const message = async (job: JobRecord) => (await jobMessages([job]))[0]!;

  const requireJob = async (name: string, field = 'name') => {
    const { project, job: jobId } = parseJobName(name, field);
    const job = await findJob(deps.knex, project, jobId);
    if (!job) throw ApiError.notFound('job', jobResourceName({ project, jobId }));
    return job;
  };

  return {
    async CreateJob(request) {
      const project = parseProjectName(request.parent, 'parent');
      const { jobId, labels, spec } = validateNewJob(request.job, deps.allowedRoots);
      const source = await resolveModelSource(deps.registry, spec);
      const name = jobResourceName({ project, jobId });
      const quota = await deps.concurrentJobsLimit(project);
      const job = await inTransaction(deps.knex, async (trx) => {
        if (quota.limit > 0) {
          // Counted and inserted under one lock per project, so two creations cannot both take the last place.
          await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`presage.jobs.${project}`]);
          if ((await countActiveJobs(trx, project)) >= quota.limit) {
            throw ApiError.quotaExceeded(
              `projects/${project}`,
              `concurrent batch prediction jobs (limit ${quota.limit}, ${quota.source}); wait for one to end or cancel one`,
              JOB_QUOTA_RETRY_MS,
            );
          }
        }
        return insertJob(trx, {
          project,
          jobId,
          predictionInput: request.job!.predictionInput as unknown as Record<string, unknown>,
          spec,
          source,
          labels,
          etag: newEtag(),
          createTime: deps.now(),
        });
      }).catch((error: unknown) => alreadyExistsOn(error, 'job', name, 'job.job_id'));
      deps.logger.info('job created', { job: name, source: source.version || source.modelUri });
      deps.nudge();
      return message(job);
    },

    async GetJob(request) {
      return message(await requireJob(request.name));
    },

    async ListJobs(request) {
      const project = parseProjectName(request.parent, 'parent');
      const terms = parseFilter(request.filter, JOB_FILTER_FIELDS);
      const size = pageSizeOf(request.pageSize);
      const query = `jobs|${project}|${request.filter}`;
      const rows = await listJobs(
        deps.knex,
        project,
        terms,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const jobs = await jobMessages(rows.slice(0, size));
      const { messages, nextPageToken } = messagePage(rows, size, query, (_job, i) => jobs[i]!, {
        typeName: 'presage.v1.Job',
        maxBytes: deps.limits.maxResponseBytes,
      });
      return { jobs: messages, nextPageToken };
    },

    async UpdateJob(request) {
      const paths = validateUpdateMask(request.updateMask?.paths ?? [], ['labels'], JOB_KNOWN_PATHS);
      const given = request.job;
      if (!given) throw ApiError.invalidArgument({ field: 'job', description: 'A job is required.' });
      const violations = labelViolations(given.labels, 'job.labels');
      if (violations.length > 0) throw ApiError.invalidArgument(violations);
      const existing = await requireJob(request.name);
      const updated = await inTransaction(deps.knex, async (trx) => {
        const job = (await findJob(trx, existing.project, existing.jobId, { forUpdate: true }))!;
        checkEtag(given.etag, job.etag, jobResourceName(job));
        const changes = paths.includes('labels') ? { labels: given.labels, etag: newEtag() } : {};
        return (await updateJob(trx, job.id, changes, deps.now()))!;
      });
      return message(updated);
    },

    async CancelJob(request) {
      const existing = await requireJob(request.name);
      await inTransaction(deps.knex, async (trx) => {
        const job = (await findJob(trx, existing.project, existing.jobId, { forUpdate: true }))!;
        if (job.state === 'CANCELLING') return;
        if (TERMINAL_STATES.includes(job.state)) {
          throw ApiError.failedPrecondition(
            `The job ${jobResourceName(job)} has already ended (${job.state}); only a job that has not finished can be cancelled.`,
            'JOB_ENDED',
          );
        }
        await updateJob(
          trx,
          job.id,
          { state: 'CANCELLING', errorMessage: 'Cancelled by the user.' },
          deps.now(),
        );
      });
      deps.logger.info('job cancel requested', { job: request.name });
      deps.nudge();
      return {};
    },
  };
}
