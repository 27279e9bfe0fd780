import { yamlText } from './yaml-text';

describe('yamlText', () => {
  it('writes nested objects and lists in block style, keys in order', () => {
    const text = yamlText({
      name: 'projects/demo/models/iris',
      defaultVersion: { name: 'v1', state: 'READY' },
      regions: ['us-central1'],
      predictions: [{ class: 0, probabilities: [0.9, 0.1] }],
      labels: {},
      tags: [],
    });
    expect(text).toBe(
      [
        'name: projects/demo/models/iris',
        'defaultVersion:',
        '  name: v1',
        '  state: READY',
        'regions:',
        '- us-central1',
        'predictions:',
        '- class: 0',
        '  probabilities:',
        '  - 0.9',
        '  - 0.1',
        'labels: {}',
        'tags: []',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings that YAML would read as another type or that hold special text', () => {
    expect(
      yamlText({ a: '42', b: 'true', c: 'x: y', d: '', e: 'a #b', f: 'line\nbreak', g: '-x', h: null }),
    ).toBe('a: "42"\nb: "true"\nc: "x: y"\nd: ""\ne: "a #b"\nf: "line\\nbreak"\ng: "-x"\nh: null\n');
  });

  it('writes a top-level scalar or list', () => {
    expect(yamlText('READY')).toBe('READY\n');
    expect(yamlText([1, [2, 3]])).toBe('- 1\n- - 2\n  - 3\n');
  });
});
