import { isVersionName, parseVersionName, versionResourceName } from './resource-names';

describe('version names', () => {
  it('accepts projects/{p}/models/{m}/versions/{v} with valid ids, and nothing else', () => {
    expect(isVersionName('projects/my-project/models/iris/versions/v1')).toBe(true);
    for (const name of [
      '',
      'projects/p/models/m',
      'projects/p/models/m/versions/v/extra',
      'projects/p/models/m/versions/1v',
      'projects/p/models/m-m/versions/v',
      `projects/p/models/m/versions/v${'x'.repeat(128)}`,
    ])
      expect(isVersionName(name)).toBe(false);
  });

  it('gives back the same name from its parts', () => {
    const name = 'projects/p/models/m/versions/v';
    expect(versionResourceName(parseVersionName(name, 'name'))).toBe(name);
  });
});
