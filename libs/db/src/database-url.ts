import type { EnvReader } from '@presage/env';

/** DATABASE_URL: a postgres:// (or postgresql://) URL; unset → the caller's embedded PostgreSQL. */
export function readDatabaseUrl(reader: EnvReader): string | undefined {
  return reader.url('DATABASE_URL', { protocols: ['postgres', 'postgresql'], what: 'a postgres:// URL' });
}
