import { StatusCode } from '@presage/errors';
import { parseFilter } from './filter';

const FIELDS = ['name', 'state', 'labels', 'runtime_version'];

describe('parseFilter', () => {
  it('parses exact, prefix, label and quoted terms joined with AND', () => {
    expect(
      parseFilter('name:churn* AND labels.team:growth AND state=READY AND runtimeVersion:"2.11"', FIELDS),
    ).toEqual([
      { field: 'name', match: 'prefix', value: 'churn' },
      { field: 'labels.team', match: 'exact', value: 'growth' },
      { field: 'state', match: 'exact', value: 'READY' },
      { field: 'runtime_version', match: 'exact', value: '2.11' },
    ]);
  });

  it('returns no terms for an empty filter', () => {
    expect(parseFilter('  ', FIELDS)).toEqual([]);
  });

  it.each([
    ['owner:me', 'Cannot filter on "owner"'],
    ['name:a OR name:b', 'OR is not supported'],
    ['name', 'Cannot parse'],
    ['name:a*b', 'Only a trailing *'],
    ['name:a AND', 'Empty condition around AND'],
    ['name:"open', 'Unterminated'],
  ])('rejects %s with a field violation on filter', (filter, text) => {
    try {
      parseFilter(filter, FIELDS);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toMatchObject({ code: StatusCode.INVALID_ARGUMENT });
      expect((error as Error).message).toContain(text);
      expect((error as { details: unknown[] }).details[0]).toMatchObject({
        fieldViolations: [{ field: 'filter' }],
      });
    }
  });
});
