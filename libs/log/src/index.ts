export { createLogger } from './logger';
export type { LogFields, LogLevel, Logger } from './logger';
