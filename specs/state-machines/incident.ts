import type { StateMachine } from './machine';

const TT_API = 'sonata/productApi/troubleTicket/troubleTicketManagement.api.yaml';
const TT_MEDIA = 'sonata/documentation/productApi/troubleTicket/media/src';

// Read-only to the Buyer: every transition is the Seller's, and each one is notified (MEF124 R67, R69). The
// diagram's inProgress → inProgress loop through its choice node is not a status change, so it is not a row here.
const CHANGED = ['incidentStatusChangeEvent'];

export const incident: StateMachine = {
  id: 'sonata.incident',
  api: 'sonata.troubleTicket',
  entity: 'Incident',
  stateField: 'status',
  history: { field: 'statusChange', key: 'status' },
  stateEnum: { file: TT_API, schema: 'IncidentStatusType' },
  states: ['closed', 'created', 'inProgress'],
  initial: ['created'],
  terminal: ['closed'],
  transitions: [
    {
      from: null,
      to: 'created',
      event: 'create',
      actor: 'server',
      notify: ['incidentCreateEvent'],
      requirements: ['MEF124 R67'],
    },
    {
      from: 'created',
      to: 'inProgress',
      event: 'start',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF124 R69', 'MEF124 R70'],
    },
    {
      from: 'created',
      to: 'closed',
      event: 'close',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF124 R53', 'MEF124 R69'],
    },
    {
      from: 'inProgress',
      to: 'closed',
      event: 'close',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF124 R53', 'MEF124 R69'],
    },
  ],
  source: [`${TT_MEDIA}/useCase16IncidentStates.puml`, 'MEF 124 §6.8 Table 10', 'MEF 124 §6.10'],
};
