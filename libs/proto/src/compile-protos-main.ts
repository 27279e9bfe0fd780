// Writes libs/proto/dist/protos.json (compiled-protos.ts); tools/scripts/build.mjs runs it when stale.
import { COMPILED_PROTOS_FILE, writeCompiledProtos } from './compiled-protos';

writeCompiledProtos(COMPILED_PROTOS_FILE);
