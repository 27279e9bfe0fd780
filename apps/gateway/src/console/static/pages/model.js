// One model: its versions, with state, scaling and who published them.
import { getJson, listAll } from '../api.js';
import { badge, facts, formatTime, h, show, shortName, table } from '../dom.js';

export function renderModel(view, [project, model], context) {
  const name = `projects/${project}/models/${model}`;
  const crumbs = h(
    'nav',
    { class: 'crumbs' },
    h('a', { href: `#/projects/${project}/models` }, 'Models'),
    ' / ',
    model,
  );
  show(view, crumbs, h('h1', {}, model), h('p', { class: 'loading' }, 'Loading versions…'));
  Promise.all([
    getJson(`/v1/${name}`, {}, context),
    listAll(`/v1/${name}/versions`, 'versions', {}, context),
  ]).then(([details, versions]) => {
    show(
      view,
      crumbs,
      h('h1', {}, model),
      facts([
        ['Description', details.description],
        ['Default version', details.defaultVersion ? shortName(details.defaultVersion.name) : 'none'],
        [
          'Aliases',
          Object.entries(details.aliases ?? {})
            .map(([a, v]) => `${a} → ${v}`)
            .join(', '),
        ],
        [
          'Traffic split',
          Object.entries(details.trafficSplit ?? {})
            .map(([v, p]) => `${v}: ${p} %`)
            .join(', '),
        ],
        ['Created', formatTime(details.createTime)],
      ]),
      h('h2', {}, 'Versions'),
      table(
        [
          {
            title: 'Version',
            cell: (v) => h('a', { href: `#/${v.name}`, class: 'version-link' }, shortName(v.name)),
          },
          { title: 'State', cell: (v) => badge(v.state) },
          { title: 'Default', cell: (v) => (v.isDefault ? 'yes' : '') },
          { title: 'Framework', cell: (v) => v.framework ?? '' },
          { title: 'Scaling', cell: (v) => scaling(v) },
          { title: 'Published by', cell: (v) => v.lineage?.publishedBy ?? '' },
          { title: 'Created', cell: (v) => formatTime(v.createTime) },
        ],
        versions,
        `Model ${model} has no versions yet.`,
        { id: 'versions-table' },
      ),
    );
  }, context.failed);
}

/** `auto 1–4`, `manual 2`. */
export function scaling(version) {
  if (version.manualScaling) return `manual ${version.manualScaling.nodes ?? 0}`;
  const auto = version.autoScaling ?? {};
  return `auto ${auto.minNodes ?? 0}–${auto.maxNodes || '∞'}`;
}
