import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkHealth, createClient } from '@presage/grpc-kit';
import { createTestDatabase, serviceMain, startServiceProcess, waitFor } from '@presage/testing';
import type { ServiceProcess } from '@presage/testing';
import { ModelService } from '@presage/proto';

/** Runs the compiled registry (apps/registry/dist/main.js) as its own process; waits for its "listening" line. */
function startProcess(env: Record<string, string>): Promise<ServiceProcess> {
  return startServiceProcess({
    entry: serviceMain('registry'),
    env: { PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0', ...env },
    listeningMessage: 'registry listening',
    timeoutMs: 30_000,
  });
}

describe('the registry process', () => {
  it('serves health and ModelService over its DATABASE_URL and exits 0 on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      const running = await startProcess({ DATABASE_URL: db.url });
      expect(await checkHealth(running.address)).toBe('SERVING');
      const models = createClient(ModelService, running.address);
      await models.client.CreateModel({ parent: 'projects/p', model: { name: 'proc' } });
      models.close();
      expect(await running.stop()).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('starts an embedded Postgres under PRESAGE_HOME when DATABASE_URL is unset, and keeps data across restarts', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-home-'));
    fs.chmodSync(home, 0o755); // as root, PostgreSQL runs as the postgres user, which must enter it
    // A PGlite database of an earlier Presage: reported, left as it is.
    fs.mkdirSync(path.join(home, 'pgdata'));
    fs.writeFileSync(path.join(home, 'pgdata', 'PG_VERSION'), '18\n');
    try {
      const env = { DATABASE_URL: '', PRESAGE_HOME: home };
      const first = await startProcess(env);
      const models = createClient(ModelService, first.address);
      await models.client.CreateModel({
        parent: 'projects/p',
        model: { name: 'kept', description: 'survives a restart' },
      });
      models.close();
      expect(await first.stop()).toBe(0);
      expect(fs.existsSync(path.join(home, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(first.output()).toContain(`${path.join(home, 'pgdata')} holds a PGlite database`);
      expect(fs.readdirSync(path.join(home, 'pgdata'))).toEqual(['PG_VERSION']);

      const second = await startProcess(env);
      const again = createClient(ModelService, second.address);
      expect(await again.client.GetModel({ name: 'projects/p/models/kept' })).toMatchObject({
        description: 'survives a restart',
      });
      again.close();
      expect(await second.stop()).toBe(0);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses to start with a bad configuration and says what is wrong', async () => {
    const child = spawn(process.execPath, [serviceMain('registry')], {
      env: { ...process.env, PRESAGE_REGISTRY_ADDRESS: 'nowhere', DATABASE_URL: 'mysql://x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await waitFor(() => (child.exitCode === null ? undefined : child.exitCode), {
      timeoutMs: 15_000,
      description: 'the misconfigured registry to exit',
    });
    expect(code).toBe(1);
    expect(output).toContain('PRESAGE_REGISTRY_ADDRESS must be host:port');
    expect(output).toContain('DATABASE_URL must be a postgres:// URL');
  });
});
