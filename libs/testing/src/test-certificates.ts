import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** PEM files of a certificate authority and one certificate it signed, for mutual TLS in tests. */
export interface TestCertificates {
  ca: string;
  cert: string;
  key: string;
  /** PRESAGE_TLS_CA_FILE, PRESAGE_TLS_CERT_FILE, PRESAGE_TLS_KEY_FILE naming them. */
  env: Record<string, string>;
}

/**
 * Makes, with the openssl command, a CA and a certificate for 127.0.0.1 and localhost, good for
 * serving and for presenting as a client (every Presage service does both), in `dir`.
 */
export function makeTestCertificates(dir: string): TestCertificates {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=presage test CA',
  );
  openssl(
    'req',
    ...ecKey,
    '-keyout',
    file('service.key'),
    '-out',
    file('service.csr'),
    '-subj',
    '/CN=presage service',
  );
  fs.writeFileSync(
    file('service.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('service.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('service.pem'),
    '-days',
    '2',
    '-extfile',
    file('service.ext'),
  );
  fs.chmodSync(file('service.key'), 0o600);
  const certificates = { ca: file('ca.pem'), cert: file('service.pem'), key: file('service.key') };
  return {
    ...certificates,
    env: {
      PRESAGE_TLS_CA_FILE: certificates.ca,
      PRESAGE_TLS_CERT_FILE: certificates.cert,
      PRESAGE_TLS_KEY_FILE: certificates.key,
    },
  };
}
