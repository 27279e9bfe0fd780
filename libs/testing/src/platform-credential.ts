import path from 'node:path';
import { EnvReader, INTERNAL_CREDENTIAL_FILE_ENV, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
import { useInternalCredential } from '@presage/grpc-kit';

/**
 * The internal credential `presage up` made in `home` (apps/cli's `$PRESAGE_HOME/internal-credential`);
 * the grpc-kit clients this test process creates from now on present it, as the services' do, over
 * mutual TLS when `tlsEnv` names certificates (PRESAGE_TLS_*).
 */
export function usePlatformCredential(home: string, tlsEnv: Record<string, string> = {}): InternalCredential {
  const reader = new EnvReader({
    ...tlsEnv,
    [INTERNAL_CREDENTIAL_FILE_ENV]: path.join(home, 'internal-credential'),
  });
  const credential = readInternalCredential(reader);
  reader.finish('test');
  useInternalCredential(credential);
  return credential!;
}
