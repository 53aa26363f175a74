import { API } from '../support/apis';
import { hubRules, listRules, prefixed, rule } from './define';

const A = API.ticket;

/** Trouble Ticket and Incident Management (MEF 124). */
export const TICKET = {
  createContract: rule(
    'sonata.ticket.create.contract',
    A,
    'POST /troubleTicket answers 201 with a TroubleTicket as the contract says',
    ['MEF124 R8', 'MEF124 R1'],
  ),
  createEcho: rule('sonata.ticket.create.echo', A, 'The response returns every attribute of the request unchanged', [
    'MEF124 R11',
    'MEF124 R21',
  ]),
  sellerAttributes: rule(
    'sonata.ticket.create.seller-attributes',
    A,
    'The response carries id, creationDate and status',
    ['MEF124 R12'],
  ),
  acknowledged: rule('sonata.ticket.create.acknowledged', A, 'A new ticket is acknowledged', ['MEF124 R13']),
  retrieveContract: rule(
    'sonata.ticket.retrieve.contract',
    A,
    'GET /troubleTicket/{id} answers 200 with the ticket as the contract says',
    ['MEF124 R26', 'MEF124 R27'],
  ),
  unknownId: rule(
    'sonata.ticket.unknown-id',
    A,
    'GET, PATCH, cancel, close and reopen of an unknown ticket answer 404',
    ['MEF124 R25', 'MEF124 R33', 'MEF124 R39', 'MEF124 R44'],
  ),
  history: rule(
    'sonata.ticket.status-history',
    A,
    'statusChange is a direct path through the ticket lifecycle and holds every status observed',
    ['MEF124 R14'],
  ),
  statusEvents: rule(
    'sonata.ticket.notification.status-change',
    A,
    'A troubleTicketStatusChangeEvent is sent for each status change',
    ['MEF124 R62', 'MEF124 R56'],
  ),
  resolvedEvent: rule(
    'sonata.ticket.notification.resolved',
    A,
    'A troubleTicketResolvedEvent is sent when the ticket is resolved',
    ['MEF124 R66'],
  ),
  resolution: rule(
    'sonata.ticket.resolution',
    A,
    'A resolved or closed ticket has resolutionDate and a Seller note (source seller)',
    ['MEF124 R28', 'MEF124 R18', 'MEF124 R19'],
  ),
  close: rule(
    'sonata.ticket.close',
    A,
    'POST /troubleTicket/{id}/close on a resolved ticket answers 204 and the ticket is closed',
    ['MEF124 R42', 'MEF124 R47'],
  ),
  reopen: rule(
    'sonata.ticket.reopen',
    A,
    'POST /troubleTicket/{id}/reopen with a reason answers 204; the ticket is reopened with the reason as a buyer note (author closureRejection)',
    ['MEF124 R41', 'MEF124 R43', 'MEF124 R45', 'MEF124 R46'],
  ),
  cancel: rule(
    'sonata.ticket.cancel',
    A,
    'POST /troubleTicket/{id}/cancel on an open ticket answers 204 and the ticket goes assessingCancellation',
    ['MEF124 R38'],
  ),
  cancelWrongState: rule(
    'sonata.ticket.cancel.wrong-state',
    A,
    'Cancelling a resolved, closed, reopened, assessingCancellation or cancelled ticket is refused with 422',
    ['MEF124 R40'],
  ),
  patch: rule(
    'sonata.ticket.patch',
    A,
    'PATCH /troubleTicket/{id} adding a Buyer note answers 200 with the ticket, the note kept and earlier notes unchanged',
    ['MEF124 R20', 'MEF124 R16'],
  ),
  patchWrongState: rule(
    'sonata.ticket.patch.wrong-state',
    A,
    'PATCH of a closed or cancelled ticket is refused with 422',
    ['MEF124 R35'],
  ),
  pending: rule(
    'sonata.ticket.information-required',
    A,
    'A ticket waiting for the Buyer is pending with a Seller note saying what is needed, announced by troubleTicketInformationRequiredEvent',
    ['MEF124 R63', 'MEF124 R64'],
  ),
  resumes: rule('sonata.ticket.patch.resumes', A, 'A PATCH of a pending ticket moves it back to inProgress', [
    'MEF124 R37',
  ]),
  patchNotes: rule(
    'sonata.ticket.patch.notes-append-only',
    A,
    'A PATCH that changes a note already on the ticket is refused',
    ['MEF124 R20', 'MEF124 R32', 'MEF124 R34'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.ticket', A, '/troubleTicket', {
      contract: ['MEF124 R23'],
      pagination: ['MEF124 R72'],
      filters: ['MEF124 O6', 'MEF124 R23'],
      empty: ['MEF124 R24'],
    }),
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.ticket', A, {
      register: ['MEF124 R55', 'MEF124 R58'],
      retrieve: ['MEF124 R55'],
      unregister: ['MEF124 R55'],
      delivered: ['MEF124 R59'],
      silent: ['MEF124 R60'],
      contract: ['MEF124 R8'],
      ids: ['MEF124 R7'],
      filter: ['MEF124 R58', 'MEF124 R60'],
    }),
  ),
};

/** Incidents (MEF 124 §6.7–6.10): created and moved by the Seller only. */
export const INCIDENT = {
  createEvent: rule(
    'sonata.incident.notification.create',
    A,
    'incidentCreateEvent is sent when the Seller creates an incident',
    ['MEF124 R67'],
  ),
  statusEvents: rule(
    'sonata.incident.notification.status-change',
    A,
    'incidentStatusChangeEvent is sent for each status change',
    ['MEF124 R69'],
  ),
  retrieveContract: rule(
    'sonata.incident.retrieve.contract',
    A,
    'GET /incident/{id} answers 200 with the incident as the contract says',
    ['MEF124 R51', 'MEF124 R52'],
  ),
  retrieveUnknown: rule('sonata.incident.retrieve.unknown-id', A, 'GET /incident/{id} of an unknown id answers 404', [
    'MEF124 R50',
  ]),
  dates: rule('sonata.incident.dates', A, 'An incident in progress has expectedClosedDate; a closed one closedDate', [
    'MEF124 R53',
    'MEF124 R70',
  ]),
  history: rule(
    'sonata.incident.status-history',
    A,
    'The incident statuses observed are a possible incident lifecycle',
    ['MEF124 R54'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.incident', A, '/incident', {
      contract: ['MEF124 R48'],
      pagination: ['MEF124 R72'],
      filters: ['MEF124 O7', 'MEF124 R48'],
      empty: ['MEF124 R49'],
    }),
  ),
};
