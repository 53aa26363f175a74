import { S1 } from '../../test/fixtures/mock/mef-examples';

/** Where the Sonata order API lives, on every server of the benchmark. */
export const ORDER_BASE = '/mefApi/sonata/productOrderingManagement/v10';

/** A full EPL order: MEF 125 Use Case 5 from the SDK, repaired as mef-contracts.md §4.1 says (envelope + 3 product payloads). */
export const EPL_ORDER = JSON.stringify(S1.order());
