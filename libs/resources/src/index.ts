/** AIP conventions the services share: list filters, page tokens, update masks, label rules, etags. */
export { checkEtag, newEtag } from './etag';
export { parseFilter, toSnakeCase } from './filter';
export type { FilterTerm } from './filter';
export { labelViolations } from './labels';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodePageToken,
  encodePageToken,
  pageOf,
  pageSizeOf,
} from './page-token';
export { validateUpdateMask } from './update-mask';
export {
  isVersionName,
  modelResourceName,
  operationName,
  parseJobName,
  parseModelName,
  parseOperationName,
  parseProjectName,
  parseVersionName,
  validateId,
  versionResourceName,
} from './resource-names';
export type { JobName, ModelName, VersionName } from './resource-names';
