import type { SdkName } from '../sdk/locate';
import type { ApiEntry } from './types';

/** What a source is told when the contracts load: the SDK folder found and the SDKs asked for. */
export interface SourceLocation {
  sdkDir: string;
  sdks: readonly SdkName[];
}

/**
 * Where a catalogue of APIs comes from. The MEF SDKs ship OpenAPI and Swagger documents (`OPENAPI_SOURCE`); YANG
 * models served over RESTCONF (RFC 8040), such as the Presto NRP YANG and OpenConfig, are another kind of source
 * that will stand beside it. `Contracts` lists the APIs of every source it is given, so adding a source never
 * touches the others.
 */
export interface ContractSource {
  /** Names the source in messages, e.g. `openapi`. */
  readonly name: string;
  /**
   * The APIs this source holds for the SDKs asked for, in a stable order. Ids are `<sdk>.<name>` and must not
   * collide with another source's: one id, one contract.
   */
  apis(where: SourceLocation): ApiEntry[];
}
