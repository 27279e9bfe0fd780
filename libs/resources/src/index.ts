/** AIP conventions the services share: list filters, page tokens, update masks, label rules, etags. */
export { MAX_DESCRIPTION_CHARS, descriptionViolations } from './description';
export { checkEtag, newEtag } from './etag';
export { parseFilter, toSnakeCase } from './filter';
export type { FilterTerm } from './filter';
export { ALL_AUTHENTICATED, PERMISSIONS, ROLES, memberViolations, permissionsOf } from './iam';
export type { Permission } from './iam';
export { MAX_JSON_DEPTH, jsonDepthExceeds, tooDeepMessage } from './json-depth';
export { labelViolations } from './labels';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodePageToken,
  encodePageToken,
  messagePage,
  pageOf,
  pageSizeOf,
} from './page-token';
export type { PageBudget } from './page-token';
export { validateUpdateMask } from './update-mask';
export {
  isJobName,
  isModelName,
  isVersionName,
  jobResourceName,
  modelPrefixOf,
  modelResourceName,
  nameSegments,
  operationName,
  parseJobName,
  parseModelName,
  parseOperationName,
  parseProjectName,
  parseVersionName,
  validateId,
  versionResourceName,
} from './resource-names';
export type { JobName, ModelName, NameKind, NameSegments, VersionName } from './resource-names';
