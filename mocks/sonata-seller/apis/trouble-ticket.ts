import { fire, getStateMachine } from '../../../specs/state-machines';
import { Unprocessable } from '../../../runtime/server/errors';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  entityReply,
  hrefOf,
  load,
  move,
  nowIso,
  outcomeForNew,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { asArray, body, mergeNotes, newRecord, sellerContact, sellerNote } from './common';
import { openWorkOrder } from './work-order';

const API = 'sonata.troubleTicket';
const KIND = 'troubleTicket';

const FILTERS: FilterTable = { relatedEntityId: 'relatedEntity.id', relatedEntityType: 'relatedEntity.@referredType' };

/** PATCH is refused in these statuses (MEF 124 R35); everywhere else it is allowed, and ends `pending` (R37). */
const FROZEN = new Set(['closed', 'assessingCancellation', 'cancelled']);

const UPDATABLE = [
  'attachment',
  'externalId',
  'issueStartDate',
  'observedImpact',
  'priority',
  'relatedContactInformation',
  'relatedIssue',
  'severity',
] as const;

function workOrdersOf(ctx: SellerContext, tt: EntityRecord): EntityRecord[] {
  return asArray<Json>(tt.data.workOrder)
    .map((w) => ctx.store.get('workOrder', w.id))
    .filter((w): w is EntityRecord => !!w);
}

/** The place of the visit: the first address the Seller knows (the mock does not track where each product is). */
function visitPlace(ctx: SellerContext): Json[] {
  const address = ctx.store.list('geographicAddress')[0];
  return address
    ? [{ '@type': 'GeographicAddressRef', id: address.id, href: address.data.href, role: 'INSTALL_LOCATION' }]
    : [];
}

export function troubleTicketHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  const action =
    (event: string, extra?: (tt: EntityRecord, b: Json) => void): OperationHandler =>
    (req) => {
      const tt = load(ctx, KIND, req.params.id, req.tenant);
      extra?.(tt, body(req) ?? {});
      // MEF 124 R40/R41/R42: an action the status does not allow is a 422.
      move(ctx, tt, event);
      return { status: 204 };
    };
  return {
    createTroubleTicket: (req) => {
      const b = body(req);
      const notes = mergeNotes(undefined, b.note, '/note');
      const outcome = outcomeForNew(ctx, KIND, req.headers[OUTCOME_HEADER]);
      const created = fire(getStateMachine('sonata.troubleTicket'), null, 'create');
      if (!created.ok) throw new Error(created.reason);
      const id = ctx.ids.next('troubleTicket');
      const now = nowIso(ctx);
      const data: Json = {
        ...b,
        ...(notes.length ? { note: notes } : {}),
        id,
        href: hrefOf(ctx, KIND, id),
        creationDate: now,
        status: created.to,
        statusChange: [{ status: created.to, changeDate: now }],
        // The Seller's own view of the urgency; the mock agrees with the Buyer.
        sellerPriority: b.priority,
        sellerSeverity: b.severity,
        relatedContactInformation: [...asArray<Json>(b.relatedContactInformation), sellerContact('sellerContact')],
      };
      const rec = newRecord(KIND, id, req.tenant, data, { outcome });
      save(ctx, rec);
      touch(ctx, rec);
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listTroubleTicket: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listTroubleTicket')) };
    },
    retrieveTroubleTicket: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
    patchTroubleTicket: (req) => {
      const tt = load(ctx, KIND, req.params.id, req.tenant);
      if (FROZEN.has(tt.data.status))
        throw Unprocessable.one(
          'otherIssue',
          undefined,
          `trouble ticket '${tt.id}' is ${tt.data.status}: it can no longer be updated (MEF 124 R35)`,
        );
      const b = body(req);
      const notes = mergeNotes(tt.data.note, b.note, '/note');
      for (const key of UPDATABLE) if (b[key] !== undefined) tt.data[key] = b[key];
      if (notes.length) tt.data.note = notes;
      move(ctx, tt, 'update', { reason: 'updated by the Buyer' });
      return { status: 200, body: tt.data };
    },
    cancelTroubleTicket: action('cancel'),
    closeTroubleTicket: action('close'),
    reopenTroubleTicket: action('reopen', (tt, b) => {
      // MEF 124 R46: the reason becomes a Buyer note authored "closureRejection".
      tt.data.note = [
        ...asArray<Json>(tt.data.note),
        {
          id: ctx.ids.next('note'),
          author: 'closureRejection',
          date: nowIso(ctx),
          source: 'buyer',
          text: String(b.reason ?? ''),
        },
      ];
      delete tt.data.resolutionDate;
    }),
  };
}

const START = { acknowledged: { after: 'ticketStart', do: 'start' } } as const;
const AFTER_START = {
  resolved: { after: 'ticketAutoClose', do: 'closeOnTimeout' },
  reopened: { after: 'ticketStart', do: 'resume' },
  assessingCancellation: { after: 'ticketCancel', do: 'acceptCancellation' },
} as const;

export const troubleTicketBehaviour: Behaviour = {
  kind: KIND,
  outcomes: {
    default: 'acknowledged → inProgress → resolved; closed by the Buyer or, later, by the Seller',
    pending:
      'information required: inProgress → pending with a Seller note until the Buyer PATCHes the ticket, then resolved',
    appointment:
      'a WorkOrder with appointmentRequired=true is opened and the ticket waits (pending) until the Buyer books the visit and it is done',
  },
  plans: {
    default: { ...START, inProgress: { after: 'ticketResolve', do: 'resolve' }, ...AFTER_START },
    pending: {
      ...START,
      inProgress: { after: 'ticketStart', do: 'requestInformation', then: 'default' },
      ...AFTER_START,
    },
    appointment: {
      ...START,
      inProgress: { after: 'ticketStart', do: 'requireAppointment', then: 'default' },
      ...AFTER_START,
    },
  },
  actions: {
    start: (ctx, tt) => {
      tt.data.expectedResolutionDate = new Date(ctx.clock.now() + ctx.timing.ticketResolve).toISOString();
      move(ctx, tt, 'start');
    },
    requestInformation: (ctx, tt) => {
      // MEF 124 R63: the Seller says, in a note, what it needs.
      tt.data.note = [
        ...asArray<Json>(tt.data.note),
        sellerNote(ctx, 'Please confirm the on-site contact and the exact symptom (information required).'),
      ];
      move(ctx, tt, 'requestInformation');
    },
    requireAppointment: (ctx, tt) => {
      const w = openWorkOrder(ctx, {
        owner: tt.owner,
        tenant: tt.meta.tenant,
        appointmentRequired: true,
        relatedEntity: [{ id: tt.id, href: tt.data.href, '@referredType': 'TroubleTicket', role: 'troubleTicket' }],
        place: visitPlace(ctx),
      });
      tt.data.workOrder = [...asArray<Json>(tt.data.workOrder), { id: w.id, href: w.data.href }];
      tt.data.note = [
        ...asArray<Json>(tt.data.note),
        sellerNote(ctx, `A technician visit is needed: please book an appointment for work order ${w.id}.`),
      ];
      move(ctx, tt, 'requireAppointment');
    },
    resolve: (ctx, tt) => {
      // A ticket waits for its open work orders; their end wakes it up again (work-order.ts).
      if (workOrdersOf(ctx, tt).some((w) => !['completed', 'cancelled', 'unableToComplete'].includes(w.data.state)))
        return;
      tt.data.resolutionDate = nowIso(ctx);
      tt.data.note = [...asArray<Json>(tt.data.note), sellerNote(ctx, 'Fault found and repaired; service restored.')];
      move(ctx, tt, 'resolve');
    },
    closeOnTimeout: (ctx, tt) => {
      move(ctx, tt, 'closeOnTimeout');
    },
    resume: (ctx, tt) => {
      move(ctx, tt, 'resume');
    },
    acceptCancellation: (ctx, tt) => {
      move(ctx, tt, 'acceptCancellation');
      for (const w of workOrdersOf(ctx, tt))
        if (['open', 'planned'].includes(w.data.state))
          move(ctx, w, 'cancel', { reason: 'the trouble ticket was cancelled' });
    },
  },
};
