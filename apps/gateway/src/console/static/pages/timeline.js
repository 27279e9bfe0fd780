// Deployment events on a horizontal time axis: one mark per event, placed by its time.
import { formatTime, h } from '../dom.js';

export function timeline(history) {
  if (history.length === 0) return '';
  const times = history.map((e) => Date.parse(e.time));
  const first = Math.min(...times);
  const span = Math.max(Math.max(...times) - first, 1);
  const marks = history.map((event, i) =>
    h(
      'li',
      {
        class: `mark ${event.type} row-${i % 3}`,
        style: `left: ${((times[i] - first) / span) * 100}%`,
        title: `${formatTime(event.time)} ${event.type}${event.message ? `: ${event.message}` : ''}`,
        'data-type': event.type,
      },
      h('span', { class: 'mark-label' }, event.type),
    ),
  );
  return h(
    'div',
    { class: 'timeline', id: 'timeline' },
    h('ol', { class: 'track' }, marks),
    h(
      'div',
      { class: 'timeline-ends' },
      h('span', {}, formatTime(history[0].time)),
      h('span', {}, formatTime(history.at(-1).time)),
    ),
  );
}
