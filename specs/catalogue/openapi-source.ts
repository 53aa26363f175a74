import { discoverApis } from './discover';
import type { ContractSource } from './source';

/** The OpenAPI 3 and Swagger 2 documents of the MEF SDKs: the source `Contracts` loads when none is named. */
export const OPENAPI_SOURCE: ContractSource = {
  name: 'openapi',
  apis: ({ sdkDir, sdks }) => discoverApis(sdkDir, sdks),
};
