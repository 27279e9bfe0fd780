// The version page's live charts (uPlot): traffic, error rate, latency percentiles and replicas over
// time, with the autoscaler's decisions (SCALED deployment events) drawn as dashed vertical lines.
import uPlot from './vendor/uPlot.esm.js';
import { h } from './dom.js';

const HEIGHT = 170;

/** Each chart: its name (for tests and ids), title, y-axis unit, and series from the series query. */
const CHARTS = [
  {
    name: 'traffic',
    title: 'Traffic',
    unit: 'req/s',
    series: [{ label: 'req/s', field: 'requestsPerSecond', stroke: '#1f5fbf', fill: 'rgba(31,95,191,0.12)' }],
  },
  {
    name: 'errors',
    title: 'Error rate',
    unit: '%',
    series: [
      { label: 'errors %', field: 'errorRate', scale: 100, stroke: '#c0392b', fill: 'rgba(192,57,43,0.12)' },
    ],
  },
  {
    name: 'latency',
    title: 'Latency',
    unit: 'ms',
    series: [
      { label: 'p50', field: 'p50Ms', stroke: '#2e8b57' },
      { label: 'p95', field: 'p95Ms', stroke: '#d4a017' },
      { label: 'p99', field: 'p99Ms', stroke: '#c0392b' },
    ],
  },
  {
    name: 'replicas',
    title: 'Ready replicas',
    unit: 'replicas',
    series: [
      {
        label: 'replicas',
        field: 'replicas',
        stroke: '#6a3fb5',
        fill: 'rgba(106,63,181,0.12)',
        stepped: true,
      },
    ],
  },
];

/** Draws each scaling decision inside the plot area as a dashed line. */
function markerPlugin(markers) {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx, bbox } = u;
          ctx.save();
          ctx.strokeStyle = 'rgba(106,63,181,0.8)';
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
          for (const marker of markers.list) {
            const x = Math.round(u.valToPos(marker.t / 1000, 'x', true));
            if (x < bbox.left || x > bbox.left + bbox.width) continue;
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

export class LiveCharts {
  constructor(container) {
    this.container = container;
    this.markers = { list: [] };
    this.charts = CHARTS.map((spec) => this.createChart(spec));
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(container);
  }

  createChart(spec) {
    const empty = h('p', { class: 'chart-empty' }, 'No points yet: send predictions to this version.');
    const mount = h('div', { class: 'chart-mount' });
    const panel = h(
      'section',
      { class: 'chart', id: `chart-${spec.name}`, 'data-chart': spec.name, 'data-points': '0' },
      h('h3', {}, spec.title),
      mount,
      empty,
    );
    this.container.append(panel);
    const markers = this.markers;
    const plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT,
        plugins: [markerPlugin(markers)],
        scales: {
          x: {
            time: true,
            range: (_u, min, max) => {
              const first = markers.list.length > 0 ? Math.min(...markers.list.map((m) => m.t / 1000)) : min;
              return [Math.min(min ?? first, first), max ?? first + 60];
            },
          },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [{}, { label: spec.unit, size: 56 }],
        series: [
          {},
          ...spec.series.map((s) => ({
            label: s.label,
            stroke: s.stroke,
            fill: s.fill,
            width: 2,
            spanGaps: false,
            paths: s.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
          })),
        ],
      },
      [[], ...spec.series.map(() => [])],
      mount,
    );
    return { spec, plot, panel, empty };
  }

  width() {
    const columns = this.container.clientWidth > 900 ? 2 : 1;
    return Math.max(280, Math.floor(this.container.clientWidth / columns) - 24);
  }

  fit() {
    const width = this.width();
    for (const chart of this.charts) chart.plot.setSize({ width, height: HEIGHT });
  }

  /** `points` as the series query gives them; `scaled` the SCALED events ({t: ms, message}). */
  update(points, scaled) {
    this.markers.list = scaled;
    const xs = points.t.map((t) => t / 1000);
    const exposed = {};
    for (const chart of this.charts) {
      const ys = chart.spec.series.map((s) =>
        points[s.field].map((value) => (value === null ? null : value * (s.scale ?? 1))),
      );
      chart.plot.setData([xs, ...ys]);
      chart.panel.dataset.points = String(xs.length);
      chart.empty.hidden = xs.length > 0;
      exposed[chart.spec.name] = { points: xs.length, data: chart.plot.data, markers: scaled.length };
    }
    window.presageConsole.charts = exposed;
  }

  destroy() {
    this.resize.disconnect();
    for (const chart of this.charts) chart.plot.destroy();
    window.presageConsole.charts = {};
  }
}
