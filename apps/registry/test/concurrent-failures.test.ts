// Issue 10, finding 1: six workers send valid traffic through the registry's public gRPC while another
// loop sends requests whose statements fail inside a Postgres transaction. No valid request may fail and
// no answer may belong to another request. Run on the test database server and on the embedded
// PostgreSQL that `presage up` starts by default (the PGlite multiplexer it replaced failed both).
import { isDeepStrictEqual } from 'node:util';
import { startEmbeddedPostgresProcess } from '@presage/db';
import { ApiError, StatusCode } from '@presage/errors';
import { createLogger } from '@presage/log';
import type { TestDatabase } from '@presage/testing';
import type { RegistryHarness } from './registry-harness';
import { startRegistry } from './registry-harness';

const WORKERS = 6;
const ROUNDS = 12;
const parent = 'projects/busy';

interface Outcome {
  /** Valid requests that failed: must stay empty. */
  failed: string[];
  /** Answers that do not match their request: must stay empty. */
  mixedUp: string[];
  valid: number;
}

/** Runs one valid request; a rejection or an answer `check` finds wrong is recorded, not thrown. */
async function valid<T>(
  outcome: Outcome,
  label: string,
  call: Promise<T>,
  check: (answer: T) => string | undefined,
): Promise<void> {
  outcome.valid++;
  try {
    const problem = check(await call);
    if (problem) outcome.mixedUp.push(`${label}: ${problem}`);
  } catch (error) {
    outcome.failed.push(
      `${label}: ${error instanceof ApiError ? `${error.code} ${error.message}` : String(error)}`,
    );
  }
}

const modelId = (worker: number, round: number): string => `m_w${worker}_r${round}`;
const description = (worker: number, round: number): string => `model of worker ${worker}, round ${round}`;
const uri = (worker: number, round: number): string => `/models/w${worker}/r${round}`;

/** One worker's traffic: per round, create a model and its first version, read both back, list. */
async function worker(registry: RegistryHarness, w: number, outcome: Outcome): Promise<void> {
  for (let r = 0; r < ROUNDS; r++) {
    const id = modelId(w, r);
    const model = `${parent}/models/${id}`;
    const labels = { worker: `w${w}`, round: `r${r}` };
    const differs = (what: string, got: unknown, want: unknown): string | undefined =>
      isDeepStrictEqual(got, want)
        ? undefined
        : `${what} ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
    await valid(
      outcome,
      `CreateModel ${id}`,
      registry.models.CreateModel({ parent, model: { name: id, description: description(w, r), labels } }),
      (m) => differs('model', [m.name, m.description, m.labels], [model, description(w, r), labels]),
    );
    await valid(outcome, `GetModel ${id}`, registry.models.GetModel({ name: model }), (m) =>
      differs('model', [m.name, m.description, m.labels], [model, description(w, r), labels]),
    );
    await valid(
      outcome,
      `CreateVersion ${id}/v1`,
      registry.models.CreateVersion({ parent: model, version: { name: 'v1', deploymentUri: uri(w, r) } }),
      (op) =>
        op.name.startsWith(`${parent}/operations/create_${id}_v1-`) ? undefined : `operation ${op.name}`,
    );
    await valid(
      outcome,
      `GetVersion ${id}/v1`,
      registry.models.GetVersion({ name: `${model}/versions/v1` }),
      (v) =>
        differs('version', [v.name, v.deploymentUri, v.isDefault], [`${model}/versions/v1`, uri(w, r), true]),
    );
    await valid(outcome, `ListVersions ${id}`, registry.models.ListVersions({ parent: model }), (page) =>
      differs(
        'versions',
        page.versions.map((v) => v.name),
        [`${model}/versions/v1`],
      ),
    );
    await valid(
      outcome,
      `ListModels worker ${w}`,
      registry.models.ListModels({ parent, filter: `labels.worker:w${w}`, pageSize: 100 }),
      (page) =>
        differs(
          'models',
          page.models.map((m) => m.name).sort(),
          Array.from({ length: r + 1 }, (_, i) => `${parent}/models/${modelId(w, i)}`).sort(),
        ),
    );
  }
}

/** Requests whose statements fail in Postgres, sent one after another until `done` says stop. */
async function failingLoop(registry: RegistryHarness, done: () => boolean): Promise<Map<string, number>> {
  const victim = `${parent}/models/victim`;
  const requests = [
    // The version exists: its insert violates a unique index inside the CreateVersion transaction.
    () => registry.models.CreateVersion({ parent: victim, version: { name: 'v1', deploymentUri: '/x' } }),
    // PostgreSQL refuses a NUL character in text (unless validation refuses it before the database).
    () =>
      registry.models.CreateVersion({ parent: victim, version: { name: 'nul', deploymentUri: '/x\u0000y' } }),
    // The model exists: a unique violation outside a transaction.
    () => registry.models.CreateModel({ parent, model: { name: 'victim' } }),
  ];
  const codes = new Map<string, number>();
  for (let i = 0; !done(); i++) {
    const outcome = await requests[i % requests.length]!().then(
      () => 'succeeded',
      (error: unknown) => (error instanceof ApiError ? StatusCode[error.code] : String(error)),
    );
    const key = `${i % requests.length}:${outcome}`;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  return codes;
}

async function embeddedDatabase(): Promise<TestDatabase> {
  const server = await startEmbeddedPostgresProcess();
  return { url: server.url, kind: 'embedded', drop: () => server.stop() };
}

describe.each([
  ['the test database', (): Promise<TestDatabase | undefined> => Promise.resolve(undefined)],
  ["an embedded PostgreSQL, presage up's default", embeddedDatabase],
])('the registry under concurrent traffic while statements fail in Postgres (%s)', (_label, database) => {
  let registry: RegistryHarness;
  const errorLines: string[] = [];

  beforeAll(async () => {
    const logger = createLogger('registry-test', { level: 'error', write: (line) => errorLines.push(line) });
    registry = await startRegistry({ database: await database(), logger });
    await registry.models.CreateModel({ parent, model: { name: 'victim', description: 'stays as it is' } });
    await registry.models.CreateVersion({
      parent: `${parent}/models/victim`,
      version: { name: 'v1', deploymentUri: '/models/victim/1' },
    });
  });
  afterAll(() => registry?.stop());

  it('fails 0 valid requests, mixes up no answer, and keeps every created model and version', async () => {
    const outcome: Outcome = { failed: [], mixedUp: [], valid: 0 };
    let workersDone = false;
    const failing = failingLoop(registry, () => workersDone);
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(registry, w, outcome))).finally(
      () => (workersDone = true),
    );
    const failures = await failing;

    expect(outcome.failed).toEqual([]);
    expect(outcome.mixedUp).toEqual([]);
    expect(outcome.valid).toBe(WORKERS * ROUNDS * 6);
    // Every failing request failed as it should, and enough of them ran alongside the workers.
    const kinds = [...failures.keys()];
    expect(kinds.filter((k) => k.startsWith('0:'))).toEqual(['0:ALREADY_EXISTS']);
    expect(kinds.filter((k) => k.startsWith('2:'))).toEqual(['2:ALREADY_EXISTS']);
    expect(kinds.filter((k) => k.startsWith('1:') && k.endsWith(':succeeded'))).toEqual([]);
    expect([...failures.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);

    // Afterwards: every model and version is there with its own fields, and nothing else.
    const listed: string[] = [];
    let pageToken = '';
    do {
      const page = await registry.models.ListModels({ parent, pageSize: 100, pageToken });
      listed.push(...page.models.map((m) => m.name));
      pageToken = page.nextPageToken;
    } while (pageToken);
    const expected = Array.from({ length: WORKERS }, (_, w) =>
      Array.from({ length: ROUNDS }, (_, r) => `${parent}/models/${modelId(w, r)}`),
    ).flat();
    expect(listed.sort()).toEqual([...expected, `${parent}/models/victim`].sort());
    const models = await Promise.all(expected.map((name) => registry.models.GetModel({ name })));
    expect(models.map((m) => [m.name, m.description, m.labels, m.defaultVersion?.deploymentUri])).toEqual(
      Array.from({ length: WORKERS }, (_, w) =>
        Array.from({ length: ROUNDS }, (_, r) => [
          `${parent}/models/${modelId(w, r)}`,
          description(w, r),
          { worker: `w${w}`, round: `r${r}` },
          uri(w, r),
        ]),
      ).flat(),
    );
    const victim = await registry.models.ListVersions({ parent: `${parent}/models/victim` });
    expect(victim.versions.map((v) => [v.name, v.deploymentUri])).toEqual([
      [`${parent}/models/victim/versions/v1`, '/models/victim/1'],
    ]);
    // The only server errors logged are PostgreSQL refusing the NUL character, each for its own request.
    const causes = errorLines.map((line) =>
      String((JSON.parse(line) as { error?: { cause?: { message?: string } } }).error?.cause?.message),
    );
    expect(
      causes.filter((cause) => !cause.includes('invalid byte sequence for encoding "UTF8": 0x00')),
    ).toEqual([]);
  }, 30_000);
});
