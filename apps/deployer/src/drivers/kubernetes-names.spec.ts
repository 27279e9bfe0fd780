import { contentHash, jobResourceName, nameHash, versionResourceName } from './kubernetes-names';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

describe('Kubernetes names', () => {
  it('names a version presage-<model>-<version>-<hash>, valid as a Service name', () => {
    const name = versionResourceName('projects/acme/models/churn_model/versions/v1');
    expect(name).toMatch(/^presage-churn-model-v1-[0-9a-f]{10}$/);
    expect(name).toMatch(DNS_1035_LABEL);
  });

  it('keeps names that differ only in case, underscores or project apart', () => {
    const names = [
      'projects/acme/models/churn/versions/v1',
      'projects/other/models/churn/versions/v1',
      'projects/acme/models/Churn/versions/v1',
      'projects/acme/models/ch_urn/versions/v1',
      'projects/acme/models/ch-urn/versions/v1',
    ].map(versionResourceName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('cuts long names to 63 characters, keeping the hash', () => {
    const version = `projects/p/models/${'m'.repeat(128)}/versions/${'v'.repeat(128)}`;
    const name = versionResourceName(version);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.endsWith(`-${nameHash(version)}`)).toBe(true);
    expect(name).toMatch(DNS_1035_LABEL);
  });

  it('names a batch job presage-job-<job>-<hash>, short enough for the job-name label', () => {
    expect(jobResourceName('projects/acme/jobs/nightly_scores')).toMatch(
      /^presage-job-nightly-scores-[0-9a-f]{10}$/,
    );
    expect(jobResourceName(`projects/acme/jobs/${'j'.repeat(200)}`).length).toBeLessThanOrEqual(63);
  });

  it('hashes content regardless of key order', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      contentHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
