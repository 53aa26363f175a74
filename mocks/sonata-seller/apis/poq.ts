import { fire, getStateMachine } from '../../../specs/state-machines';
import { applyFilters, page } from '../../../runtime/server/listing';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
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
  moveItem,
  nowIso,
  outcomeForNew,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { asArray, body, fail, newRecord, sellerContact } from './common';
import { ITEM_LISTS, itemProblems } from './item-rules';

const API = 'sonata.productOfferingQualification';
const KIND = 'productOfferingQualification';

const items = (poq: EntityRecord): Json[] => poq.data.productOfferingQualificationItem as Json[];

function to(machine: string, event: string): string {
  const r = fire(getStateMachine(machine), null, event);
  if (!r.ok) throw new Error(r.reason);
  return r.to;
}

/** MEF 87 R28/R29: a qualified item says how confident the Seller is and how long installation takes. */
function qualify(ctx: SellerContext, poq: EntityRecord, item: Json): void {
  item.serviceabilityConfidence = 'green';
  item.installationInterval = { amount: 20, units: 'businessDays' };
  item.guaranteedUntilDate = new Date(ctx.clock.now() + 30 * 86_400_000).toISOString();
  if (poq.data.provideAlternative === true && item.product?.productConfiguration) {
    item.alternateProductOfferingProposal = [
      {
        id: `${item.id}-alt-1`,
        installationInterval: { amount: 10, units: 'businessDays' },
        alternateProduct: {
          productOffering: item.product.productOffering ?? { id: 'alternate-offering' },
          productConfiguration: item.product.productConfiguration,
        },
      },
    ];
  }
}

function failItem(item: Json): void {
  // MEF 87 R30/R31: a failed item explains itself and offers nothing else.
  item.terminationError = [
    { code: 'otherIssue', value: 'the Seller cannot qualify this item at the given place (outcome forced)' },
  ];
}

export function poqHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    createProductOfferingQualification: (req) => {
      const b = body(req);
      fail(itemProblems(b, ITEM_LISTS.productOfferingQualification, { ctx, partner: req.tenant }));
      const outcome = outcomeForNew(ctx, KIND, req.headers[OUTCOME_HEADER]);
      const id = ctx.ids.next('poq');
      const now = nowIso(ctx);
      const instant = b.instantSyncQualification === true;
      const failing = outcome === 'terminatedWithError';
      const state = instant
        ? to('sonata.poq', failing ? 'createTerminatedWithError' : 'createReady')
        : to('sonata.poq', 'create');
      const data: Json = {
        ...b,
        id,
        href: hrefOf(ctx, KIND, id),
        state,
        stateChange: [{ state, changeDate: now }],
        // MEF 87 R26: the Seller adds its contact.
        relatedContactInformation: [
          ...asArray<Json>(b.relatedContactInformation),
          sellerContact('sellerContactInformation'),
        ],
        productOfferingQualificationItem: asArray<Json>(b.productOfferingQualificationItem).map((it, i) => {
          const itemState = !instant
            ? to('sonata.poqItem', 'create')
            : !failing
              ? to('sonata.poqItem', 'createReady')
              : i === 0
                ? to('sonata.poqItem', 'createTerminatedWithError')
                : to('sonata.poqItem', 'createAbandoned');
          return { ...it, state: itemState, stateChange: [{ state: itemState, changeDate: now }] };
        }),
      };
      const rec = newRecord(KIND, id, req.tenant, data, { outcome });
      if (instant) {
        data.effectiveQualificationDate = now;
        for (const it of items(rec)) {
          if (it.state === 'done.ready') qualify(ctx, rec, it);
          else if (it.state === 'terminatedWithError') failItem(it);
        }
      } else {
        data.expectedPOQCompletionDate =
          b.requestedPOQCompletionDate ??
          new Date(ctx.clock.now() + ctx.timing.poqStart + ctx.timing.poqAnswer).toISOString();
      }
      save(ctx, rec);
      touch(ctx, rec);
      // MEF 87 R45: a create event in both the immediate and the deferred case.
      announce(ctx, rec, 'poqCreateEvent');
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listProductOfferingQualification: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
        ),
        req.query,
      );
      const project = listProjector(ctx.contracts, API, 'listProductOfferingQualification');
      // The list view types requestedPOQCompletionDate as a date, the resource as a date-time (SDK-POQ-DATE-FORMAT).
      const asFound = (r: Json) => {
        const p = project(r);
        return p.requestedPOQCompletionDate
          ? { ...p, requestedPOQCompletionDate: String(p.requestedPOQCompletionDate).slice(0, 10) }
          : p;
      };
      return { ...reply, body: (reply.body as Json[]).map(asFound) };
    },
    retrieveProductOfferingQualification: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
  };
}

const START = { acknowledged: { after: 'poqStart', do: 'start' } } as const;

export const poqBehaviour: Behaviour = {
  kind: KIND,
  outcomes: {
    default: 'deferred: acknowledged → inProgress → done.ready; immediate: done.ready at once',
    terminatedWithError: 'the first item cannot be qualified (terminatedWithError), the others are abandoned',
    unableToProvide: 'deferred only: the requested completion date cannot be met (done.unableToProvide)',
  },
  plans: {
    default: { ...START, inProgress: { after: 'poqAnswer', do: 'complete' } },
    terminatedWithError: { ...START, inProgress: { after: 'poqAnswer', do: 'terminate' } },
    unableToProvide: { ...START, inProgress: { after: 'poqAnswer', do: 'unableToProvide' } },
  },
  actions: {
    start: (ctx, rec) => {
      move(ctx, rec, 'start');
      for (const it of items(rec)) if (it.state === 'acknowledged') moveItem(ctx, rec, it, 'start');
    },
    complete: (ctx, rec) => {
      for (const it of items(rec)) {
        if (it.state !== 'inProgress') continue;
        qualify(ctx, rec, it);
        moveItem(ctx, rec, it, 'complete');
      }
      rec.data.effectiveQualificationDate = nowIso(ctx);
      move(ctx, rec, 'complete');
    },
    terminate: (ctx, rec) => {
      const [first, ...rest] = items(rec).filter((it) => it.state === 'inProgress');
      if (first) {
        failItem(first);
        moveItem(ctx, rec, first, 'terminate');
      }
      for (const it of rest) moveItem(ctx, rec, it, 'abandon');
      rec.data.effectiveQualificationDate = nowIso(ctx);
      move(ctx, rec, 'terminate');
    },
    unableToProvide: (ctx, rec) => {
      for (const it of items(rec)) if (it.state === 'inProgress') moveItem(ctx, rec, it, 'abandon');
      rec.data.effectiveQualificationDate = nowIso(ctx);
      move(ctx, rec, 'unableToProvide');
    },
  },
};
