import { StatusCode } from '@presage/errors';
import { startRegistry } from './registry-harness';
import { expectApiError, reportAsDeployer } from '@presage/testing';
import type { RegistryHarness } from './registry-harness';

const parent = 'projects/paging';
let registry: RegistryHarness;

beforeAll(async () => {
  registry = await startRegistry();
  for (let i = 0; i < 45; i++) {
    const team = i % 3 === 0 ? 'search' : 'ads';
    await registry.models.CreateModel({
      parent,
      model: { name: `m${String(i).padStart(2, '0')}`, labels: { team } },
    });
  }
});
afterAll(() => registry?.stop());

async function listAll(filter = '', pageSize = 0): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let pageToken = '';
  let pages = 0;
  do {
    const page = await registry.models.ListModels({ parent, filter, pageSize, pageToken });
    names.push(...page.models.map((m) => m.name.split('/').pop()!));
    pageToken = page.nextPageToken;
    pages++;
  } while (pageToken);
  return { names, pages };
}

describe('listing models', () => {
  it('pages 20 at a time by default and omits the token on the last page', async () => {
    const first = await registry.models.ListModels({ parent });
    expect(first.models).toHaveLength(20);
    expect(first.nextPageToken).not.toBe('');
    const { names, pages } = await listAll();
    expect(pages).toBe(3);
    expect(names).toHaveLength(45);
    expect(new Set(names).size).toBe(45);
  });

  it('clamps pageSize to 100 and rejects a negative one', async () => {
    const page = await registry.models.ListModels({ parent, pageSize: 1000 });
    expect(page.models).toHaveLength(45);
    expect(page.nextPageToken).toBe('');
    await expectApiError(registry.models.ListModels({ parent, pageSize: -1 }), StatusCode.INVALID_ARGUMENT, {
      field: 'page_size',
    });
  });

  it('filters on prefixes, exact names and labels joined with AND', async () => {
    expect((await listAll('name:m1*')).names).toEqual([
      'm10',
      'm11',
      'm12',
      'm13',
      'm14',
      'm15',
      'm16',
      'm17',
      'm18',
      'm19',
    ]);
    expect((await listAll('name:m07')).names).toEqual(['m07']);
    const search = await listAll('labels.team:search');
    expect(search.names).toHaveLength(15);
    expect((await listAll('labels.team:search AND name:m0*')).names).toEqual(['m00', 'm03', 'm06', 'm09']);
    expect((await listAll('labels.absent:x')).names).toEqual([]);
  });

  it('treats _ and % in a prefix literally', async () => {
    await registry.models.CreateModel({ parent: 'projects/like', model: { name: 'a_b' } });
    await registry.models.CreateModel({ parent: 'projects/like', model: { name: 'axb' } });
    const page = await registry.models.ListModels({ parent: 'projects/like', filter: 'name:a_*' });
    expect(page.models.map((m) => m.name)).toEqual(['projects/like/models/a_b']);
  });

  it('keeps pages stable while models are created between page requests', async () => {
    const first = await registry.models.ListModels({ parent, pageSize: 10 });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        registry.models.CreateModel({ parent, model: { name: `late${i}` } }),
      ),
    );
    const names = first.models.map((m) => m.name.split('/').pop()!);
    let pageToken = first.nextPageToken;
    while (pageToken) {
      const page = await registry.models.ListModels({ parent, pageSize: 10, pageToken });
      names.push(...page.models.map((m) => m.name.split('/').pop()!));
      pageToken = page.nextPageToken;
    }
    expect(names.slice(0, 45)).toEqual(
      Array.from({ length: 45 }, (_, i) => `m${String(i).padStart(2, '0')}`),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(50);
  });

  it('rejects a forged token, a token from another filter, and unknown filter fields', async () => {
    const first = await registry.models.ListModels({ parent, pageSize: 5 });
    await expectApiError(
      registry.models.ListModels({ parent, pageToken: 'bm9wZQ' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'page_token' },
    );
    await expectApiError(
      registry.models.ListModels({ parent, pageSize: 5, pageToken: first.nextPageToken, filter: 'name:m1*' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'page_token', message: /different request/ },
    );
    await expectApiError(
      registry.models.ListModels({ parent, filter: 'owner:me' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'filter' },
    );
  });
});

describe('listing versions', () => {
  it('filters versions by state, framework and labels and answers NOT_FOUND for an unknown model', async () => {
    const model = `${parent}/models/m00`;
    for (const [name, framework] of [
      ['a', 'ONNX'],
      ['b', 'TENSORFLOW'],
      ['c', 'ONNX'],
    ] as const) {
      await registry.models.CreateVersion({
        parent: model,
        version: { name, deploymentUri: '/m', framework, labels: { arm: name } },
      });
    }
    await reportAsDeployer(registry.deployment, `${model}/versions/b`);
    const names = async (filter: string) =>
      (await registry.models.ListVersions({ parent: model, filter })).versions.map((v) =>
        v.name.split('/').pop(),
      );
    expect(await names('state:READY')).toEqual(['b']);
    expect(await names('framework:ONNX')).toEqual(['a', 'c']);
    expect(await names('labels.arm:c AND framework:ONNX')).toEqual(['c']);
    expect(await names('')).toEqual(['a', 'b', 'c']);
    const paged = await registry.models.ListVersions({ parent: model, pageSize: 2 });
    expect(paged.versions).toHaveLength(2);
    const rest = await registry.models.ListVersions({
      parent: model,
      pageSize: 2,
      pageToken: paged.nextPageToken,
    });
    expect(rest.versions.map((v) => v.name.split('/').pop())).toEqual(['c']);
    await expectApiError(
      registry.models.ListVersions({ parent: `${parent}/models/ghost` }),
      StatusCode.NOT_FOUND,
    );
  });
});
