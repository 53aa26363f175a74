import { fire, getStateMachine } from '../../../specs/state-machines';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  announce,
  entityReply,
  hrefOf,
  load,
  move,
  nowIso,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { sellerContact } from './common';

const API = 'sonata.troubleTicket';
const KIND = 'incident';

const FILTERS: FilterTable = { relatedEntityId: 'relatedEntity.id', relatedEntityType: 'relatedEntity.@referredType' };

export interface NewIncident {
  /** The product affected: the incident belongs to its owner (MEF 124 R71). */
  product: EntityRecord;
  description?: string;
  incidentType?: 'maintenance' | 'repair' | 'installation';
}

/** The Seller declares an incident on a product (MEF 124 §6.8): only the product's Buyer hears of it (R71). */
export function openIncident(ctx: SellerContext, n: NewIncident): EntityRecord {
  const r = fire(getStateMachine('sonata.incident'), null, 'create');
  if (!r.ok) throw new Error(r.reason);
  const id = ctx.ids.next('incident');
  const now = nowIso(ctx);
  const data: Json = {
    id,
    href: hrefOf(ctx, KIND, id),
    creationDate: now,
    situationStartDate: now,
    description: n.description ?? 'Loss of service on the access network',
    impact: 'down',
    incidentType: n.incidentType ?? 'repair',
    priority: 'high',
    severity: 'significant',
    relatedContactInformation: [sellerContact('sellerContact')],
    relatedEntity: [
      { id: n.product.id, href: n.product.data.href, '@referredType': 'Product', role: 'affectedProduct' },
    ],
    status: r.to,
    statusChange: [{ status: r.to, changeDate: now }],
  };
  const rec: EntityRecord = { kind: KIND, id, owner: n.product.owner, data, meta: { tenant: n.product.meta.tenant } };
  save(ctx, rec);
  touch(ctx, rec);
  for (const type of r.transition.notify ?? []) announce(ctx, rec, type);
  return rec;
}

export function incidentHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    listIncident: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listIncident')) };
    },
    retrieveIncident: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
  };
}

export const incidentBehaviour: Behaviour = {
  kind: KIND,
  outcomes: { default: 'created → inProgress (with expectedClosedDate) → closed (with closedDate)' },
  plans: {
    default: { created: { after: 'incidentStart', do: 'start' }, inProgress: { after: 'incidentClose', do: 'close' } },
  },
  actions: {
    start: (ctx, rec) => {
      // MEF 124 R70: an incident in progress says when it should be over.
      rec.data.expectedClosedDate = new Date(ctx.clock.now() + ctx.timing.incidentClose).toISOString();
      move(ctx, rec, 'start');
    },
    close: (ctx, rec) => {
      rec.data.closedDate = nowIso(ctx);
      move(ctx, rec, 'close');
    },
  },
};
