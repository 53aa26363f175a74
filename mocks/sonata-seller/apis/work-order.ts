import { fire, getStateMachine } from '../../../specs/state-machines';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import { announce, can, entityReply, hrefOf, load, move, save, touch, visible } from '../../../runtime/actor/lifecycle';
import { asArray, sellerContact } from './common';

const API = 'sonata.workorder';
const KIND = 'workOrder';

const FILTERS: FilterTable = {
  geographicalSiteId: (w: Json) =>
    asArray<Json>(w.place)
      .filter((p) => p['@type'] === 'GeographicSiteRef')
      .map((p) => p.id),
  geographicalAddressId: (w: Json) =>
    asArray<Json>(w.place)
      .filter((p) => p['@type'] === 'GeographicAddressRef')
      .map((p) => p.id),
  relatedEntityType: 'relatedEntity.@referredType',
  relatedEntityId: 'relatedEntity.id',
};

export interface NewWorkOrder {
  owner: string;
  tenant?: Json;
  relatedEntity: Json[];
  place: Json[];
  appointmentRequired: boolean;
  task?: string[];
}

/**
 * The Seller opens a WorkOrder (MEF 137 §6.8; read-only to the Buyer): `workOrderCreateEvent`, and
 * `workOrderAppointmentRequiredEvent` too when the Buyer has to book a visit (R56, R58).
 */
export function openWorkOrder(ctx: SellerContext, w: NewWorkOrder): EntityRecord {
  const r = fire(getStateMachine('sonata.workOrder'), null, 'create');
  if (!r.ok) throw new Error(r.reason);
  const id = ctx.ids.next('workOrder');
  const data: Json = {
    id,
    href: hrefOf(ctx, KIND, id),
    state: r.to,
    appointmentRequired: w.appointmentRequired,
    duration: { timeDurationValue: 4, timeDurationUnits: 'HOUR' },
    place: w.place,
    relatedContactInformation: [sellerContact('sellerContact')],
    relatedEntity: w.relatedEntity,
    task: w.task ?? ['on-site diagnosis and repair'],
  };
  const rec: EntityRecord = { kind: KIND, id, owner: w.owner, data, meta: { tenant: w.tenant } };
  save(ctx, rec);
  touch(ctx, rec);
  for (const type of r.transition.notify ?? []) announce(ctx, rec, type);
  if (w.appointmentRequired) announce(ctx, rec, 'workOrderAppointmentRequiredEvent');
  return rec;
}

export function workOrderHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    retrieveWorkOrder: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
    // The spec types this 200 as one WorkOrder_Find; it is a list (SDK-WORKORDER-LIST-OBJECT in specs/defects.ts).
    listWorkOrder: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listWorkOrder')) };
    },
  };
}

/** Entities a WorkOrder serves (a trouble ticket) re-plan when it ends: the ticket can now be resolved. */
function wakeRelated(ctx: SellerContext, w: EntityRecord): void {
  for (const e of asArray<Json>(w.data.relatedEntity)) {
    const tt = e['@referredType'] === 'TroubleTicket' ? ctx.store.get('troubleTicket', e.id) : undefined;
    if (tt) touch(ctx, tt);
  }
}

export const workOrderBehaviour: Behaviour = {
  kind: KIND,
  outcomes: {
    default: 'without a required appointment: started and completed by the Seller; with one: follows its appointment',
    unableToComplete: 'the work starts but cannot be completed',
  },
  plans: {
    default: { open: { after: 'visit', do: 'startUnlessBooked' }, inProgress: { after: 'visit', do: 'complete' } },
    unableToComplete: {
      open: { after: 'visit', do: 'startUnlessBooked' },
      inProgress: { after: 'visit', do: 'unableToComplete' },
    },
  },
  actions: {
    startUnlessBooked: (ctx, w) => {
      if (!w.data.appointmentRequired && can(ctx, w, 'start')) move(ctx, w, 'start');
    },
    start: (ctx, w) => {
      move(ctx, w, 'start');
    },
    complete: (ctx, w) => {
      move(ctx, w, 'complete');
      wakeRelated(ctx, w);
    },
    unableToComplete: (ctx, w) => {
      move(ctx, w, 'unableToComplete');
      wakeRelated(ctx, w);
    },
    cancel: (ctx, w) => {
      move(ctx, w, 'cancel');
      wakeRelated(ctx, w);
    },
  },
};
