/** Environment → typed settings: one reader, one host:port pattern, every problem reported at once. */
export { ConfigError } from './config-error';
export { EnvReader } from './env-reader';
export type { NumberOptions, UrlOptions } from './env-reader';
export { HOST, HOST_PORT, isHostPort, isLoopbackAddress, isLoopbackHost, withPort } from './host-port';
export {
  INTERNAL_CREDENTIAL_ENV,
  INTERNAL_CREDENTIAL_FILE_ENV,
  INTERNAL_CREDENTIAL_METADATA,
  InternalCredential,
  MIN_INTERNAL_CREDENTIAL_LENGTH,
  TLS_CA_FILE_ENV,
  TLS_CERT_FILE_ENV,
  TLS_KEY_FILE_ENV,
  checkInternalListener,
  readInternalCredential,
} from './internal-credential';
export type { InternalTls } from './internal-credential';
export {
  ALLOWED_PATHS_ENV,
  AllowedPaths,
  ROUTINES_OFF,
  readAllowedPaths,
  readConfinement,
} from './allowed-paths';
export type { Confinement } from './allowed-paths';
