/** The public surface of the contract layer: what mocks, suites, reports and the CLI import. */
export {
  Contracts,
  type LoadOptions,
  type RequestToCheck,
  type ResponseToCheck,
  type ValidateOptions,
} from './contract/contracts';
export type { ValidationResult, Violation, Unchecked, Severity } from './contract/violations';
export type { ApiEntry, OperationEntry, ApiKind, SpecFormat } from './catalogue/types';
export type { ContractSource, SourceLocation } from './catalogue/source';
export { OPENAPI_SOURCE } from './catalogue/openapi-source';
export { SDK_DEFECTS, type SdkDefect, type DefectApplication } from './defects';
export { locateSdk, userCacheDir, SDK_NAMES, type SdkName } from './sdk/locate';
