import { tableText } from './table-text';

describe('tableText', () => {
  it('pads columns to their widest cell under upper-case headers', () => {
    const rows = [
      { name: 'iris', version: 'v1', labels: { team: 'ml' } },
      { name: 'churn_model', version: '', labels: undefined },
    ];
    const text = tableText(rows, [
      { header: 'NAME', value: (row) => row.name },
      { header: 'DEFAULT_VERSION_NAME', value: (row) => row.version },
      { header: 'LABELS', value: (row) => row.labels },
    ]);
    expect(text).toBe(
      'NAME         DEFAULT_VERSION_NAME  LABELS\n' +
        'iris         v1                    {"team":"ml"}\n' +
        'churn_model\n',
    );
  });

  it('prints only the header for no rows', () => {
    expect(tableText([], [{ header: 'JOB_ID', value: () => '' }])).toBe('JOB_ID\n');
  });
});
