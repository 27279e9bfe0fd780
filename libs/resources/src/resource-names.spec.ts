import {
  isJobName,
  isModelName,
  isVersionName,
  jobResourceName,
  modelPrefixOf,
  nameSegments,
  parseJobName,
  parseVersionName,
  versionResourceName,
} from './resource-names';

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

describe('name shapes', () => {
  it('tells which resource a name has the shape of, without checking its segments', () => {
    expect(nameSegments('projects/p')).toEqual({ kind: 'project', project: 'p' });
    expect(nameSegments('projects/p/models/m-1')).toEqual({ kind: 'model', project: 'p', model: 'm-1' });
    expect(nameSegments('projects/p/models/m/versions/v')).toEqual({
      kind: 'version',
      project: 'p',
      model: 'm',
      version: 'v',
    });
    expect(nameSegments('projects/p/jobs/j')).toEqual({ kind: 'job', project: 'p', job: 'j' });
    expect(nameSegments('projects/p/operations/o')).toEqual({
      kind: 'operation',
      project: 'p',
      operation: 'o',
    });
    for (const name of [
      '',
      'projects/',
      'projects//models/m',
      'projects/p/models/m/versions/v/x',
      'models/m',
    ])
      expect(nameSegments(name)).toBeUndefined();
  });

  it('finds the model a predict name starts with', () => {
    expect(modelPrefixOf('projects/p/models/m:predict')).toBe('projects/p/models/m');
    expect(modelPrefixOf('projects/p/models/m/versions/v')).toBe('projects/p/models/m');
    expect(modelPrefixOf('projects/p')).toBeUndefined();
  });

  it('checks model and job names as their parsers do, and builds job names', () => {
    expect(isModelName('projects/p/models/m')).toBe(true);
    expect(isModelName('projects/p/models/m-m')).toBe(false);
    expect(isJobName('projects/p/jobs/j1')).toBe(true);
    expect(isJobName('projects/p/jobs/1j')).toBe(false);
    expect(jobResourceName(parseJobName('projects/p/jobs/j1', 'name'))).toBe('projects/p/jobs/j1');
  });
});
