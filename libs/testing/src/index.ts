export { startEmbeddedPostgresProcess } from './embedded-postgres-process';
export type { EmbeddedPostgresProcess } from './embedded-postgres-process';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { uniqueName } from './unique-name';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
