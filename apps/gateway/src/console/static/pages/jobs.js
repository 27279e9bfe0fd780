// Batch prediction jobs: state, progress and error statistics, refreshed while any job runs.
import { getJson } from '../api.js';
import { badge, formatCount, formatTime, h, show, table } from '../dom.js';

const REFRESH_MS = 3_000;
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function renderJobs(view, [project], context) {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading jobs…'));
  show(view, h('h1', {}, `Batch jobs in ${project}`), body);
  let timer;
  let stopped = false;
  const load = () =>
    getJson(`/v1/projects/${project}/jobs`, { pageSize: 100 }, context).then((answer) => {
      if (stopped) return;
      const jobs = answer.jobs ?? [];
      show(
        body,
        jobTable(jobs, project),
        answer.nextPageToken ? h('p', { class: 'note' }, 'Showing the first 100 jobs.') : '',
      );
      if (jobs.some((job) => !FINISHED.has(job.state))) timer = setTimeout(load, REFRESH_MS);
    }, context.failed);
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function jobTable(jobs, project) {
  return table(
    [
      { title: 'Job', cell: (job) => job.jobId },
      { title: 'State', cell: (job) => badge(job.state) },
      { title: 'Model', cell: (job) => modelOf(job.predictionInput) },
      { title: 'Progress', cell: (job) => progress(job) },
      { title: 'Errors', cell: (job) => errorStats(job) },
      { title: 'Created', cell: (job) => formatTime(job.createTime) },
      { title: 'Ended', cell: (job) => formatTime(job.endTime) },
    ],
    jobs,
    `No batch jobs in project ${project}. Submit one with POST /v1/projects/${project}/jobs.`,
    { id: 'jobs-table' },
  );
}

function modelOf(input) {
  if (!input) return 'training (not served)';
  const name = input.versionName || input.modelName;
  if (name) return h('a', { href: `#/${name}` }, name.split('/').slice(3).join('/'));
  return input.uri ?? '';
}

/**
 * A bar of the job's input done (the input bytes of its shards that are done), the instances done in it
 * predicted (green) and failed (red) in proportion. Until the job is prepared its input is not known: the
 * bar moves (striped), or, once the job ended, is full.
 */
function progress(job) {
  const out = job.predictionOutput ?? {};
  const predicted = Number(out.predictionCount ?? 0);
  const failed = Number(out.errorCount ?? 0);
  const done = predicted + failed;
  const finished = FINISHED.has(job.state);
  const fraction = inputFraction(out);
  const percent = fraction === null ? null : Math.floor(fraction * 100);
  const filled = (fraction ?? 1) * 100;
  const bar = h(
    'div',
    {
      class: `progress ${finished ? 'finished' : percent === null ? 'running' : 'measured'}`,
      role: 'progressbar',
      'aria-valuetext': `${percent === null ? '' : `${percent} % of the input, `}${done} instances`,
      'aria-valuemin': percent === null ? null : 0,
      'aria-valuemax': percent === null ? null : 100,
      'aria-valuenow': percent,
      'data-predicted': predicted,
      'data-failed': failed,
      'data-percent': percent,
    },
    done > 0 ? h('span', { class: 'ok', style: `width: ${(predicted / done) * filled}%` }) : '',
    done > 0 ? h('span', { class: 'failed', style: `width: ${(failed / done) * filled}%` }) : '',
  );
  const label =
    job.state === 'QUEUED' && job.jobPosition
      ? `queued, position ${job.jobPosition}`
      : percent === null || (finished && percent === 100)
        ? `${formatCount(done)} instances`
        : `${percent} % of input · ${formatCount(done)} instances`;
  return h('div', { class: 'progress-cell' }, bar, h('small', {}, label));
}

/** The share of the job's input bytes done, 0 to 1; null while the job does not know its input. */
function inputFraction(out) {
  const input = Number(out.inputBytes ?? 0);
  return input > 0 ? Math.min(1, Number(out.processedInputBytes ?? 0) / input) : null;
}

function errorStats(job) {
  const out = job.predictionOutput ?? {};
  const failed = Number(out.errorCount ?? 0);
  const done = Number(out.predictionCount ?? 0) + failed;
  const parts = [`${formatCount(failed)} failed`];
  if (done > 0) parts.push(`${((failed / done) * 100).toFixed(failed > 0 && failed < done / 100 ? 2 : 1)} %`);
  return h(
    'div',
    {},
    h('span', { class: failed > 0 ? 'error' : '' }, parts.join(' · ')),
    job.errorMessage ? h('p', { class: 'error' }, job.errorMessage) : '',
    failed > 0 && out.outputPath
      ? h('small', { class: 'path' }, `per error: ${out.outputPath}/prediction.errors_stats-00000-of-00001`)
      : '',
  );
}
