import { existsSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../lib/errors';

/**
 * What `lso test --init` writes: every key of the target profile with a comment saying what it is for. It must stay
 * loadable as written (a test loads it), so optional parts that need extra files are commented out.
 */
export const EXAMPLE_PROFILE = `# lso-harness target profile: where the implementation under test is and what it claims.
# Run:  lso test <suite> --target this-file.yaml
# Schema: suites/harness/target-profile.schema.json in the lso-harness repository.

target:
  name: Example Sonata seller          # shown in every report
  version: 1.0.0                       # the version of the implementation under test
  # One root for every API: each API is called at <baseUrl><its MEF base path>,
  # e.g. <baseUrl>/mefApi/sonata/productOrderingManagement/v10/productOrder
  baseUrl: http://127.0.0.1:8080
  # Or one base URL per API (its MEF base path included), which wins over baseUrl:
  # apis:
  #   sonata.productOrder: https://orders.example.net/mefApi/sonata/productOrderingManagement/v10

# How the harness (the Buyer) authenticates. One of:
auth:
  type: none
  # type: bearer
  # tokenEnv: SELLER_TOKEN             # or token: <literal>; prefer the environment in CI
  # type: oauth2-client-credentials
  # tokenUrl: https://auth.example.net/oauth2/token
  # clientId: lso-harness
  # clientSecretEnv: SELLER_CLIENT_SECRET
  # scope: default

# Send buyerId/sellerId only if the credentials represent several Buyers or Sellers (MEF 123 R2-R5).
# buyerId: BUYER-1
# sellerId: SELLER-1
# With buyerId, a second Buyer the same credentials may act for turns on the multi-buyer isolation checks.
# otherBuyerId: BUYER-2
# A seller control API for steps that need a seller-side decision (raise a charge, resolve a ticket); without it
# those steps are skipped. The lso seller mock has one at <base>/_lso.
# controlUrl: https://seller.example.com/_lso

# The product offerings to order and the payload fixture (JSON or YAML, relative to this file) for each.
products: []
#  - name: Access E-Line
#    offeringId: ACCESS-ELINE-OFFERING
#    fixture: fixtures/access-eline-order.json

# The harness's notification listener: where it binds, and the URL the Seller must call back.
# The callback must reach the bind address (port forwarding, a tunnel...); port 0 picks a free port.
listener:
  host: 127.0.0.1
  port: 0
  # callbackUrl: https://buyer.example.net:8443/lso-listener

# Every wait is bounded; a limit reached is an 'error' verdict, never a hang.
timeouts:
  requestMs: 10000                     # one HTTP exchange
  notificationMs: 30000                # waiting for one notification
  scenarioMs: 300000                   # one whole scenario

# Optional capabilities the Seller claims; checks of capabilities not claimed are 'skip'.
capabilities:
  cancel: false                        # Cancel Product Order (MEF 123 CR1-CR4)
  modifyDeliveryDate: false            # Modify Product Order Item Requested Delivery Date
  charges: false                       # Charges (MEF 123 R86)
  deferredPoq: false                   # deferred Product Offering Qualification
  milestones: false                    # productSpecificProductOrderItemMilestoneEvent (MEF 123 O19)
`;

/** Writes the example profile; refuses to overwrite an existing file, since it may be someone's real profile. */
export function writeExampleProfile(file: string): void {
  if (existsSync(file)) throw new UsageError(`${file} already exists; choose another file name or remove it`);
  try {
    writeFileSync(file, EXAMPLE_PROFILE, { flag: 'wx' });
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
