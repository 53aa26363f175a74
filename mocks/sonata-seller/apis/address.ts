import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Tenant } from '../../../runtime/server/tenancy';
import type { Behaviour, SellerContext } from '../context';
import { checkOutcome, entityReply, hrefOf, load, save, visible } from '../../../runtime/actor/lifecycle';
import { body } from './common';

const KIND = 'geographicAddress';

/** What makes two addresses the same place, per address type; case and spacing do not matter. */
const MATCH_KEYS: Record<string, string[]> = {
  FieldedAddress: ['country', 'city', 'streetName', 'streetNr'],
  FormattedAddress: ['country', 'city', 'addrLine1'],
  GeographicAddressLabel: ['externalReferenceId', 'externalReferenceType'],
  MEFGeographicPoint: ['spatialRef', 'x', 'y'],
};

const norm = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

export function sameAs(a: Json, b: Json): boolean {
  const keys = MATCH_KEYS[a['@type']];
  return !!keys && a['@type'] === b['@type'] && keys.every((k) => norm(a[k]) === norm(b[k]));
}

const sameCity = (a: Json, b: Json) =>
  a['@type'] === b['@type'] && norm(a.country) === norm(b.country) && norm(a.city) === norm(b.city);

export const ADDRESS_OUTCOMES: Record<string, string> = {
  default:
    'a known address (seeded or validated before) is a success; an unknown one is a success too in lenient mode (and kept), a fail in strict mode',
  partial: 'partial: the best match is another known address of the same city, if any',
  fail: 'fail: no match',
};

/** Geographic Address Management (MEF 79): validation against the addresses the Seller knows, and retrieval. */
export function addressHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  const known = (partner: Tenant) => visible(ctx, KIND, partner).map((r) => r.data);
  return {
    createGeographicAddressValidation: (req) => {
      const b = body(req);
      const submitted = b.submittedGeographicAddress as Json;
      const header = req.headers[OUTCOME_HEADER];
      const outcome = header ? checkOutcome(ctx, KIND, header.trim()) : 'default';
      const all = known(req.tenant);
      const reply: Json = { provideAlternative: b.provideAlternative, submittedGeographicAddress: submitted };
      const exact = all.find((a) => sameAs(a, submitted));
      const nearby = all.filter((a) => a !== exact && sameCity(a, submitted));
      if (outcome === 'fail') reply.validationResult = 'fail';
      else if (outcome === 'partial') {
        reply.validationResult = 'partial';
        if (nearby[0] ?? exact) reply.bestMatchGeographicAddress = nearby[0] ?? exact;
      } else if (exact) {
        reply.validationResult = 'success';
        reply.bestMatchGeographicAddress = exact;
      } else if (ctx.settings.addressValidation === 'lenient' && MATCH_KEYS[submitted['@type']]) {
        const id = ctx.ids.next('address');
        const { id: _id, href: _href, ...rest } = submitted;
        const created = { ...rest, id, href: hrefOf(ctx, KIND, id), allowsNewSite: true, hasPublicSite: false };
        save(ctx, { kind: KIND, id, owner: req.tenant.key, data: created, meta: { tenant: req.tenant } });
        reply.validationResult = 'success';
        reply.bestMatchGeographicAddress = created;
      } else reply.validationResult = 'fail';
      if (b.provideAlternative === true && reply.validationResult !== 'success' && nearby.length)
        reply.alternateGeographicAddress = nearby;
      return { status: 200, body: reply };
    },
    retrieveGeographicAddress: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
  };
}

/** Addresses have no lifecycle; the outcomes only steer validation. */
export const addressBehaviour: Behaviour = {
  kind: KIND,
  outcomes: ADDRESS_OUTCOMES,
  plans: { default: {}, partial: {}, fail: {} },
  actions: {},
};
