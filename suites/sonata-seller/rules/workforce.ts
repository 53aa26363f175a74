import { API } from '../support/apis';
import { hubRules, listRules, prefixed, rule } from './define';

const AP = API.appointment;
const WO = API.workOrder;

/** Appointment Management (MEF 137 §6.1–6.6, §6.9–6.10). */
export const APPOINTMENT = {
  searchContract: rule(
    'sonata.appointment.search.contract',
    AP,
    'POST /searchTimeSlot answers 201 with a SearchTimeSlot as the contract says',
    ['MEF137 R10', 'MEF137 R1'],
  ),
  searchSlots: rule(
    'sonata.appointment.search.slots',
    AP,
    'Available time slots lie inside the requested ones (or the list is empty)',
    ['MEF137 R13', 'MEF137 R14'],
  ),
  searchInvalid: rule(
    'sonata.appointment.search.invalid',
    AP,
    'A time slot search with an invalid window (end before start) is refused with 422',
    ['MEF137 R12'],
  ),
  createContract: rule(
    'sonata.appointment.create.contract',
    AP,
    'POST /appointment answers 201 confirmed, with what the Buyer sent',
    ['MEF137 R18', 'MEF137 R19'],
  ),
  workOrderPlanned: rule(
    'sonata.appointment.create.work-order-planned',
    AP,
    'After the appointment the work order is planned, appointmentRequired false, and names the appointment',
    ['MEF137 R22', 'MEF137 R23', 'MEF137 R24'],
  ),
  ticketInProgress: rule(
    'sonata.appointment.create.ticket-in-progress',
    AP,
    'After the appointment the ticket that waited for it is inProgress again',
    ['MEF137 R25', 'MEF124 R15'],
  ),
  duplicate: rule(
    'sonata.appointment.create.duplicate',
    AP,
    'A second appointment for a work order that has a confirmed one is refused with 422',
    ['MEF137 R20', 'MEF137 R21'],
  ),
  retrieve: rule(
    'sonata.appointment.retrieve',
    AP,
    'GET /appointment/{id} answers 200 with the appointment; an unknown id is 404',
    ['MEF137 R33', 'MEF137 R34', 'MEF137 R35'],
  ),
  patch: rule(
    'sonata.appointment.patch',
    AP,
    'PATCH /appointment/{id} of a confirmed appointment answers 200 with the change; an unknown id is 404',
    ['MEF137 R39', 'MEF137 R43'],
  ),
  cancel: rule(
    'sonata.appointment.cancel',
    AP,
    'POST /appointment/{id}/cancel answers 204: appointment cancelled, work order open with appointmentRequired true',
    ['MEF137 R48', 'MEF137 R49', 'MEF137 R50'],
  ),
  cancelWrongState: rule(
    'sonata.appointment.cancel.wrong-state',
    AP,
    'Cancelling or patching an appointment that is no longer confirmed is refused with 422; an unknown id is 404',
    ['MEF137 R40', 'MEF137 R45', 'MEF137 R46'],
  ),
  statusEvents: rule(
    'sonata.appointment.notification.status-change',
    AP,
    'appointmentStatusChangeEvent is sent when the appointment status changes',
    ['MEF137 R28'],
  ),
  history: rule(
    'sonata.appointment.status-history',
    AP,
    'The appointment statuses observed are a possible appointment lifecycle',
    ['MEF137 R26'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.appointment', AP, '/appointment', {
      contract: ['MEF137 R30'],
      pagination: ['MEF137 R64'],
      filters: ['MEF137 O3', 'MEF137 R31'],
      empty: ['MEF137 R30'],
    }),
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.appointment', AP, {
      register: ['MEF137 R1'],
      retrieve: ['MEF137 R1'],
      unregister: ['MEF137 R1'],
      delivered: ['MEF137 R61'],
      silent: ['MEF137 R60'],
      contract: ['MEF137 R10'],
      ids: ['MEF137 R9'],
    }),
  ),
};

/** WorkOrder Management (MEF 137 §6.7–6.8, §6.11–6.12): read-only to the Buyer. */
export const WORK_ORDER = {
  createEvent: rule(
    'sonata.workorder.notification.create',
    WO,
    'workOrderCreateEvent is sent when the Seller creates a work order',
    ['MEF137 R56'],
  ),
  appointmentRequiredEvent: rule(
    'sonata.workorder.notification.appointment-required',
    WO,
    'workOrderAppointmentRequiredEvent is sent when appointmentRequired becomes true',
    ['MEF137 R58'],
  ),
  stateEvents: rule(
    'sonata.workorder.notification.state-change',
    WO,
    'workOrderStateChangeEvent is sent when the work order state changes',
    ['MEF137 R57'],
  ),
  ticketPending: rule(
    'sonata.workorder.ticket-pending',
    WO,
    'A ticket whose work order needs an appointment is pending',
    ['MEF124 R65'],
  ),
  retrieve: rule(
    'sonata.workorder.retrieve',
    WO,
    'GET /workorder/{id} answers 200 with the work order as the contract says',
    ['MEF137 R53', 'MEF137 R54'],
  ),
  retrieveUnknown: rule(
    'sonata.workorder.retrieve.unknown-id',
    WO,
    'GET /workorder/{id} of an unknown id answers 404',
    ['MEF137 R52'],
  ),
  history: rule(
    'sonata.workorder.state-history',
    WO,
    'The work order states observed are a possible work order lifecycle',
    ['MEF137 R55'],
  ),
  list: rule(
    'sonata.workorder.list',
    WO,
    'GET /workorder with a filter returns the matching work orders as the contract says',
    ['MEF137 R51', 'MEF137 O4'],
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.workorder', WO, {
      register: ['MEF137 R3'],
      retrieve: ['MEF137 R3'],
      unregister: ['MEF137 R3'],
      delivered: ['MEF137 R63'],
      silent: ['MEF137 R62'],
      contract: ['MEF137 R10'],
      ids: ['MEF137 R9'],
    }),
  ),
};
