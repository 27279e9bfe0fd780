/** `presage help`. */
export const USAGE = `Usage: presage <command>

Commands:
  up      Run the platform locally: an embedded Postgres (unless DATABASE_URL is set) and every
          service, restarted when one crashes. Ctrl-C stops it (twice: kills it).
  migrate-pglite
          Copy the data of a PGlite $PRESAGE_HOME/pgdata (Presage before PostgreSQL was embedded) into
          the embedded PostgreSQL or DATABASE_URL; fetches PGlite's pg_dump with npm. Stop Presage first.
  help    Show this text.

Environment:
  PRESAGE_HOME              Where state lives. Default: ./.presage
  DATABASE_URL              An external Postgres (postgres://...). Unset: embedded, in $PRESAGE_HOME/postgres
  PRESAGE_REGISTRY_ADDRESS  The registry's gRPC address. Default: 127.0.0.1:8091
  PRESAGE_INTERNAL_CREDENTIAL_FILE
                            The secret the services require of each other. Default: made at the first
                            start in $PRESAGE_HOME/internal-credential (mode 0600) and kept
  PRESAGE_LOG_LEVEL         debug, info, warn or error. Default: info
`;
