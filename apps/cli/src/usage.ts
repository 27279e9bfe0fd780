/** `presage help`: the commands at a glance (`presage <command> --help` has each one's flags). */
export const USAGE = `Usage: presage <command> [flags]

Platform:
  up      Run the platform locally: an embedded Postgres (unless DATABASE_URL is set) and every
          service, restarted when one crashes. Ctrl-C stops it (twice: kills it).
  migrate-pglite
          Copy the data of a PGlite $PRESAGE_HOME/pgdata (Presage before PostgreSQL was embedded) into
          the embedded PostgreSQL or DATABASE_URL; fetches PGlite's pg_dump with npm. Stop Presage first.

API commands (gcloud ai-platform's names and flags), against a running platform:
  models list|describe|create|update|delete
  versions list|describe|create|update|delete|set-default   --model M
  predict --model M [--version V] --json-instances FILE | --json-request FILE | --text-instances FILE
  jobs submit prediction JOB (--model M [--version V] | --model-dir DIR) --input-paths P --output-path O
          --data-format json|text|tf-record|tf-record-gzip [--wait]
  jobs list|describe|cancel|stream-logs
  operations list|describe|wait|cancel

No server:
  local predict --model-dir DIR --json-instances FILE
          Load the model in this process, as a predictor does, and print its predictions.
  completion bash|zsh
          Print a shell completion script: eval "$(presage completion bash)"
  help [command]
          Show this text, or a command's flags.

Global flags:
  --project ID      The project of --model and the other ids. Default: $PRESAGE_PROJECT, else demo
  --endpoint URL    The gateway's REST address. Default: $PRESAGE_ENDPOINT, else http://127.0.0.1:8080
  --format FORMAT   table (default), json or yaml
  --progress        Draw progress (spinner, job bar) even when stderr is not a terminal; --no-progress: none
  --quiet           Do not ask before deleting

Environment:
  PRESAGE_API_KEY           A key sent as "Authorization: Bearer …" (or "apiKey" in the config file)
  PRESAGE_CONFIG            A JSON config file {"endpoint", "project", "apiKey"}.
                            Default: ~/.config/presage/config.json
  PRESAGE_HOME              Where state lives. Default: ./.presage
  DATABASE_URL              An external Postgres (postgres://...). Unset: embedded, in $PRESAGE_HOME/postgres
  PRESAGE_REGISTRY_ADDRESS  The registry's gRPC address. Default: 127.0.0.1:8091
  PRESAGE_INTERNAL_CREDENTIAL_FILE
                            The secret the services require of each other. Default: made at the first
                            start in $PRESAGE_HOME/internal-credential (mode 0600) and kept
  PRESAGE_LOG_LEVEL         debug, info, warn or error. Default: info

Exit codes: 0 done; 1 the API answered an error, or what was waited on failed; 2 a usage error;
3 the endpoint could not be reached; 130 interrupted.
`;
