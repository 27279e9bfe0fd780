// Models of a project, each with its default version and state.
import { listAll } from '../api.js';
import { badge, formatAge, h, show, shortName, table } from '../dom.js';

export function renderModels(view, [project], context) {
  show(view, h('h1', {}, `Models in ${project}`), h('p', { class: 'loading' }, 'Loading models…'));
  listAll(`/v1/projects/${project}/models`, 'models', {}, context).then((models) => {
    const href = (model) => `#/${model.name}`;
    show(
      view,
      h('h1', {}, `Models in ${project}`),
      table(
        [
          {
            title: 'Model',
            cell: (m) => h('a', { href: href(m), class: 'model-link' }, shortName(m.name)),
          },
          { title: 'Description', cell: (m) => m.description || '' },
          {
            title: 'Default version',
            cell: (m) =>
              m.defaultVersion?.name
                ? h('a', { href: `#/${m.defaultVersion.name}` }, shortName(m.defaultVersion.name))
                : '—',
          },
          { title: 'State', cell: (m) => (m.defaultVersion ? badge(m.defaultVersion.state) : '—') },
          { title: 'Created', cell: (m) => (m.createTime ? formatAge(m.createTime) : '—') },
        ],
        models,
        `No models in project ${project} yet. Create one with POST /v1/projects/${project}/models, or pick another project above.`,
        { id: 'models-table' },
      ),
    );
  }, context.failed);
}
