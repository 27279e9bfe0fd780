// One version: what it is, where it came from (lineage), what happened to it (deployment events on a
// timeline) and how it serves now (live charts from the gateway's series).
import { getJson, listAll } from '../api.js';
import { LiveCharts } from '../charts.js';
import { badge, facts, formatTime, h, show, table } from '../dom.js';
import { scaling } from './model.js';
import { timeline } from './timeline.js';

const DETAILS_REFRESH_MS = 10_000;

export function renderVersion(view, [project, model, version], context) {
  const name = `projects/${project}/models/${model}/versions/${version}`;
  const crumbs = h(
    'nav',
    { class: 'crumbs' },
    h('a', { href: `#/projects/${project}/models` }, 'Models'),
    ' / ',
    h('a', { href: `#/projects/${project}/models/${model}`, id: 'crumb-model' }, model),
    ' / ',
    version,
  );
  const header = h('div', { id: 'version-header' }, h('p', { class: 'loading' }, 'Loading version…'));
  const lineage = h('section', { id: 'lineage' });
  const chartsBox = h('div', { class: 'charts', id: 'charts' });
  const chartNote = h('p', { class: 'note', id: 'chart-note' });
  const chartError = h('p', { class: 'error', role: 'alert', hidden: true });
  const events = h('section', { id: 'events' });
  show(
    view,
    crumbs,
    header,
    h('h2', {}, 'Live traffic'),
    chartNote,
    chartError,
    chartsBox,
    h('h2', {}, 'Deployment events'),
    events,
    h('h2', {}, 'Lineage'),
    lineage,
  );
  const charts = new LiveCharts(chartsBox);
  let scaled = [];
  let points;
  const timers = [];
  let stopped = false;

  const loadDetails = async () => {
    const [details, history] = await Promise.all([
      getJson(`/v1/${name}`, {}, context),
      listAll(`/v1/${name}/deploymentEvents`, 'deploymentEvents', {}, context),
    ]);
    history.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    scaled = history
      .filter((e) => e.type === 'SCALED')
      .map((e) => ({ t: Date.parse(e.time), message: e.message }));
    show(header, versionHeader(details, version));
    show(lineage, lineageView(details.lineage));
    show(events, timeline(history), eventTable(history));
    if (points) charts.update(points, scaled);
  };
  let sampleMs = 5_000;
  const loadSeries = async () => {
    try {
      const answer = await getJson('/console/api/series', { version: name }, context);
      sampleMs = answer.sampleMs;
      points = answer.points;
      chartError.hidden = true;
      chartNote.textContent =
        `Sampled every ${answer.sampleMs / 1000} s by this gateway, the last ${Math.round(answer.retentionMs / 60_000)} min kept; ` +
        'dashed lines mark scaling decisions (SCALED events).';
      charts.update(points, scaled);
    } catch (error) {
      if (error?.name === 'KeyRequired' || error?.name === 'AbortError') throw error;
      chartError.hidden = false;
      chartError.textContent = `The charts cannot be updated: ${error.message}`;
    }
  };
  const every = (load, ms) => {
    const tick = () => {
      if (stopped) return;
      load().then(
        () => timers.push(setTimeout(tick, typeof ms === 'function' ? ms() : ms)),
        (error) => !stopped && context.failed(error),
      );
    };
    tick();
  };
  every(loadDetails, DETAILS_REFRESH_MS);
  every(loadSeries, () => Math.max(1_000, sampleMs));
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    charts.destroy();
  };
}

function versionHeader(details, version) {
  return [
    h(
      'h1',
      {},
      version,
      ' ',
      badge(details.state),
      details.isDefault ? h('span', { class: 'tag' }, 'default') : '',
    ),
    details.errorMessage ? h('p', { class: 'error', role: 'alert' }, details.errorMessage) : '',
    facts([
      ['Description', details.description],
      ['Deployment URI', details.deploymentUri],
      ['Framework', details.framework],
      ['Scaling', scaling(details)],
      ['Created', formatTime(details.createTime)],
      ['Last used', details.lastUseTime ? formatTime(details.lastUseTime) : 'never'],
    ]),
  ];
}

function lineageView(lineage) {
  if (!lineage) return h('p', { class: 'empty' }, 'No lineage was recorded for this version.');
  const source = lineage.source ?? {};
  const metrics = Object.entries(lineage.evaluationMetrics ?? {});
  return [
    facts([
      ['Trained by', lineage.trainedBy],
      ['Published by', lineage.publishedBy],
      ['Trained at', lineage.trainTime ? formatTime(lineage.trainTime) : ''],
      ['Source commit', source.codeCommit],
      ['Repository', source.codeRepository],
      ['Training run', source.trainingRunId],
    ]),
    h('h3', {}, 'Training datasets'),
    table(
      [
        { title: 'URI', cell: (d) => d.uri },
        { title: 'Digest', cell: (d) => h('code', {}, d.digest || '—') },
        { title: 'Description', cell: (d) => d.description ?? '' },
      ],
      lineage.trainingDatasets ?? [],
      'No training datasets recorded.',
      { id: 'datasets-table' },
    ),
    h('h3', {}, 'Evaluation metrics'),
    table(
      [
        { title: 'Metric', cell: ([metric]) => metric },
        { title: 'Value', cell: ([, value]) => String(value) },
      ],
      metrics,
      'No evaluation metrics recorded.',
      { id: 'metrics-table' },
    ),
  ];
}

function eventTable(history) {
  return table(
    [
      { title: 'Time', cell: (e) => formatTime(e.time) },
      { title: 'Event', cell: (e) => h('span', { class: `event-type ${e.type}` }, e.type) },
      { title: 'Replicas', cell: (e) => (e.replicas ? String(e.replicas) : '') },
      { title: 'By', cell: (e) => e.actor ?? '' },
      { title: 'Message', cell: (e) => e.message ?? '' },
    ],
    [...history].reverse(),
    'No deployment events yet.',
    { id: 'events-table' },
  );
}
