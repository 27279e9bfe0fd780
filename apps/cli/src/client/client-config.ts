import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvReader } from '@presage/env';
import { UsageError } from '../cli-errors';

/** Where the CLI's API commands send their requests, and as whom. */
export interface ClientConfig {
  /**
   * `--endpoint`, else PRESAGE_ENDPOINT, else `endpoint` in the config file: the gateway's REST base URL.
   * @default `http://127.0.0.1:${PRESAGE_HTTP_PORT}` (`http://127.0.0.1:8080`, what `presage up` serves)
   */
  endpoint: string;
  /** `--project`, else PRESAGE_PROJECT, else `project` in the config file. @default 'demo' (the bundled model's project) */
  project: string;
  /**
   * PRESAGE_API_KEY, else `apiKey` in the config file: sent as `Authorization: Bearer …` (for a gateway
   * with PRESAGE_AUTH=required). @default undefined (no header)
   */
  apiKey: string | undefined;
  /** The config file read (it may not exist). */
  configFile: string;
}

export const DEFAULT_PROJECT = 'demo';

/** What a config file may hold; every key is optional. */
interface ConfigFile {
  endpoint?: string;
  project?: string;
  apiKey?: string;
}

/**
 * The config file: PRESAGE_CONFIG, else `$XDG_CONFIG_HOME/presage/config.json`, else
 * `~/.config/presage/config.json`.
 */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  const reader = new EnvReader(env);
  const explicit = reader.optionalText('PRESAGE_CONFIG');
  if (explicit) return path.resolve(explicit);
  const base =
    reader.optionalText('XDG_CONFIG_HOME') ?? path.join(reader.text('HOME', os.homedir()), '.config');
  return path.join(base, 'presage', 'config.json');
}

/** Flags first, then the environment, then the config file, then the defaults. */
export function loadClientConfig(
  flags: { endpoint?: string; project?: string },
  env: NodeJS.ProcessEnv,
): ClientConfig {
  const reader = new EnvReader(env);
  const configFile = configFilePath(env);
  const file = readConfigFile(configFile);
  const port = reader.port('PRESAGE_HTTP_PORT', 8080);
  const endpoint =
    flags.endpoint ??
    reader.url('PRESAGE_ENDPOINT', { protocols: ['http', 'https'] }) ??
    file.endpoint ??
    `http://127.0.0.1:${port}`;
  const project = flags.project ?? reader.optionalText('PRESAGE_PROJECT') ?? file.project ?? DEFAULT_PROJECT;
  if (!/^https?:\/\/[^/]/.test(endpoint))
    reader.problem(`the endpoint must be an http:// or https:// URL, got "${endpoint}"`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(project))
    reader.problem(`the project must be a project id such as "demo", got "${project}"`);
  if (reader.problems.length > 0) throw new UsageError(reader.problems.join('; '));
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    project,
    apiKey: reader.optionalText('PRESAGE_API_KEY') ?? file.apiKey,
    configFile,
  };
}

function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read the config file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the config file ${file} is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`the config file ${file} must hold a JSON object such as {"project": "demo"}`);
  const config: ConfigFile = {};
  for (const key of ['endpoint', 'project', 'apiKey'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new UsageError(`"${key}" in the config file ${file} must be a string`);
    config[key] = value;
  }
  return config;
}
