/** The YANG contract of Presto NRP R2, checked by libyang (yanglint). */
export {
  NRP_R2_FILES,
  nrpR2Modules,
  yanglintPath,
  yanglintVersion,
  YANGLINT_INSTALL_HINT,
  type ModuleSet,
} from './modules';
export { YangValidator, type YangValidatorOptions } from './validator';
export { yanglintOnce, type OnceOptions, type YangDataKind } from './once';
export { rpcTree, replyTree, type OperationName } from './operations';
export { rpcLeafrefs, leafrefDeviationModule, DEVIATION_MODULE, type RpcLeafref } from './leafrefs';
export { parseYanglintErrors, type YangVerdict, type YangViolation } from './violations';
