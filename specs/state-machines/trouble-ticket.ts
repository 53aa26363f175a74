import { fromEach, type StateMachine, type Transition } from './machine';

const TT_API = 'sonata/productApi/troubleTicket/troubleTicketManagement.api.yaml';
const TT_MEDIA = 'sonata/documentation/productApi/troubleTicket/media/src';

// Every status change is notified (MEF124 R62); the 201 to createTroubleTicket is the only record of creation.
const CHANGED = ['troubleTicketStatusChangeEvent'];

export const troubleTicket: StateMachine = {
  id: 'sonata.troubleTicket',
  api: 'sonata.troubleTicket',
  entity: 'TroubleTicket',
  stateField: 'status',
  history: { field: 'statusChange', key: 'status' },
  stateEnum: { file: TT_API, schema: 'TroubleTicketStatusType' },
  states: [
    'acknowledged',
    'assessingCancellation',
    'cancelled',
    'closed',
    'inProgress',
    'pending',
    'resolved',
    'reopened',
  ],
  initial: ['acknowledged'],
  terminal: ['cancelled', 'closed'],
  transitions: [
    {
      from: null,
      to: 'acknowledged',
      event: 'create',
      actor: 'client',
      operationId: 'createTroubleTicket',
      requirements: ['MEF124 R13'],
    },
    {
      from: 'acknowledged',
      to: 'inProgress',
      event: 'start',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF124 R62'],
    },

    // PATCH is refused with 422 only in closed, assessingCancellation and cancelled (MEF124 R35). Elsewhere it keeps
    // the status, except that it ends a pending status (MEF124 R37). A Buyer's own PATCH is not notified
    // (MEF 124 §6.10 Table 11, troubleTicketAttributeValueChangeEvent).
    ...['acknowledged', 'inProgress', 'resolved', 'reopened'].map((state): Transition => ({
      from: state,
      to: state,
      event: 'update',
      actor: 'client',
      operationId: 'patchTroubleTicket',
      requirements: ['MEF124 R35'],
    })),
    {
      from: 'pending',
      to: 'inProgress',
      event: 'update',
      actor: 'client',
      operationId: 'patchTroubleTicket',
      notify: CHANGED,
      requirements: ['MEF124 R35', 'MEF124 R37'],
      note: 'the Buyer supplied the information asked for',
    },

    {
      from: 'inProgress',
      to: 'pending',
      event: 'requestInformation',
      actor: 'server',
      notify: [...CHANGED, 'troubleTicketInformationRequiredEvent'],
      requirements: ['MEF124 R63', 'MEF124 R64'],
      note: 'a Seller note says what is needed',
    },
    {
      from: 'inProgress',
      to: 'pending',
      event: 'requireAppointment',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF124 R63', 'MEF124 R65'],
      note: 'a linked WorkOrder has appointmentRequired=true, so no troubleTicketInformationRequiredEvent (R64)',
    },
    {
      from: 'pending',
      to: 'inProgress',
      event: 'appointmentCreated',
      actor: 'client',
      operationId: 'createAppointment',
      notify: CHANGED,
      requirements: ['MEF124 R15', 'MEF137 R25'],
      note: 'the appointment moved the WorkOrder to planned',
    },

    ...fromEach(['acknowledged', 'inProgress', 'pending'], {
      to: 'assessingCancellation',
      event: 'cancel',
      actor: 'client',
      operationId: 'cancelTroubleTicket',
      notify: CHANGED,
      requirements: ['MEF124 R38', 'MEF124 R40'],
    }),
    { from: 'assessingCancellation', to: 'cancelled', event: 'acceptCancellation', actor: 'server', notify: CHANGED },

    {
      from: 'inProgress',
      to: 'resolved',
      event: 'resolve',
      actor: 'server',
      notify: [...CHANGED, 'troubleTicketResolvedEvent'],
      requirements: ['MEF124 R28', 'MEF124 R66'],
    },
    {
      from: 'resolved',
      to: 'closed',
      event: 'close',
      actor: 'client',
      operationId: 'closeTroubleTicket',
      notify: CHANGED,
      requirements: ['MEF124 R42', 'MEF124 R47'],
    },
    {
      from: 'resolved',
      to: 'closed',
      event: 'closeOnTimeout',
      actor: 'system',
      notify: CHANGED,
      note: 'no Buyer answer within the agreed time frame (Table 9, closed)',
    },
    {
      from: 'resolved',
      to: 'reopened',
      event: 'reopen',
      actor: 'client',
      operationId: 'reopenTroubleTicket',
      notify: CHANGED,
      requirements: ['MEF124 R41', 'MEF124 R43', 'MEF124 R45', 'MEF124 R46'],
    },
    { from: 'reopened', to: 'inProgress', event: 'resume', actor: 'server', notify: CHANGED },
  ],
  source: [`${TT_MEDIA}/troubleTicketStates.puml`, 'MEF 124 §6.1.4 Table 9', 'MEF 124 §6.4–6.6, §6.10'],
};
