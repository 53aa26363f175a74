import { Contracts } from '../../../../specs/index';
import { loadRequirements } from '../../../../specs/requirements/index';

let loaded: Contracts | undefined;

/** The Sonata contracts, loaded once per test file (loading and compiling is the slow part of these tests). */
export function sonata(): Contracts {
  loaded ??= Contracts.load({ sdks: ['sonata'] });
  return loaded;
}

export function requirements() {
  return loadRequirements(sonata().sdkDir);
}
