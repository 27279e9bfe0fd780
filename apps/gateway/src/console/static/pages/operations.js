// Long-running operations of a project (version creation, deletion, updates), newest first.
import { listAll } from '../api.js';
import { badge, formatTime, h, show, table } from '../dom.js';

export function renderOperations(view, [project], context) {
  show(view, h('h1', {}, `Operations in ${project}`), h('p', { class: 'loading' }, 'Loading operations…'));
  listAll(`/v1/projects/${project}/operations`, 'operations', {}, context, 5).then((operations) => {
    operations.sort(
      (a, b) => Date.parse(b.metadata?.createTime ?? 0) - Date.parse(a.metadata?.createTime ?? 0),
    );
    show(
      view,
      h('h1', {}, `Operations in ${project}`),
      table(
        [
          { title: 'Operation', cell: (op) => op.name.split('/').pop() },
          { title: 'Type', cell: (op) => op.metadata?.operationType ?? '' },
          { title: 'Target', cell: target },
          { title: 'Status', cell: status },
          { title: 'Created', cell: (op) => formatTime(op.metadata?.createTime) },
          { title: 'Ended', cell: (op) => formatTime(op.metadata?.endTime) },
        ],
        operations,
        `No operations in project ${project} yet.`,
        { id: 'operations-table' },
      ),
    );
  }, context.failed);
}

function target(op) {
  const model = op.metadata?.modelName;
  const version = op.metadata?.version?.name;
  const name = version?.includes('/versions/')
    ? version
    : version && model
      ? `${model}/versions/${version}`
      : model;
  if (!name) return '';
  return h('a', { href: `#/${name}` }, name.split('/').slice(3).join('/'));
}

function status(op) {
  if (!op.done) return badge(op.metadata?.isCancellationRequested ? 'CANCELLING' : 'RUNNING');
  if (op.error)
    return h('span', {}, badge('FAILED'), ' ', h('span', { class: 'error' }, op.error.message ?? ''));
  return badge('done');
}
