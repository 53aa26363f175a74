import type { StateMachine } from './machine';

const APPOINTMENT_API = 'sonata/productApi/workforce/appointment/appointmentManagement.api.yaml';
const WORKFORCE_MEDIA = 'sonata/documentation/productApi/workforce/media/src';

// appointmentStates.puml spells the states Confirmed, In_Progress, Cancelled…; the spec enum is camelCase.
// Every status change is notified (MEF137 R28); the 201 to createAppointment is the only record of creation.
const CHANGED = ['appointmentStatusChangeEvent'];

export const appointment: StateMachine = {
  id: 'sonata.appointment',
  api: 'sonata.appointment',
  entity: 'Appointment',
  stateField: 'status',
  stateEnum: { file: APPOINTMENT_API, schema: 'AppointmentStatusType' },
  states: ['confirmed', 'inProgress', 'cancelled', 'missed', 'failed', 'completed'],
  initial: ['confirmed'],
  terminal: ['cancelled', 'missed', 'failed', 'completed'],
  transitions: [
    {
      from: null,
      to: 'confirmed',
      event: 'create',
      actor: 'client',
      operationId: 'createAppointment',
      requirements: ['MEF137 R19', 'MEF137 R20', 'MEF137 R21', 'MEF137 R24'],
      note: 'only for an open WorkOrder with no confirmed or inProgress appointment; the WorkOrder becomes planned',
    },
    // "Buyer Reschedules" in the diagram: a PATCH (validFor, notes, attachments), allowed only while confirmed. R29
    // asks for appointmentAttributeValueChangeEvent only when the Seller changes attributes, so none is listed.
    {
      from: 'confirmed',
      to: 'confirmed',
      event: 'update',
      actor: 'client',
      operationId: 'patchAppointment',
      requirements: ['MEF137 R40'],
    },
    // §6.6 says the cancel moves the appointment to assessingCancellation, a status the enum does not have; R50
    // sets it to cancelled directly, and that is what the table does.
    {
      from: 'confirmed',
      to: 'cancelled',
      event: 'cancel',
      actor: 'client',
      operationId: 'cancelAppointment',
      notify: CHANGED,
      requirements: ['MEF137 R46', 'MEF137 R47', 'MEF137 R48', 'MEF137 R49', 'MEF137 R50'],
      note: 'the WorkOrder goes back to open with appointmentRequired=true',
    },
    {
      from: 'confirmed',
      to: 'cancelled',
      event: 'cancelBySeller',
      actor: 'server',
      notify: CHANGED,
      requirements: ['MEF137 R27'],
      note: 'a Seller reschedule cancels the appointment and asks the Buyer for a new one',
    },
    {
      from: 'confirmed',
      to: 'inProgress',
      event: 'start',
      actor: 'server',
      notify: CHANGED,
      note: 'the point of no return: it can no longer be cancelled',
    },
    { from: 'inProgress', to: 'completed', event: 'complete', actor: 'server', notify: CHANGED },
    { from: 'inProgress', to: 'missed', event: 'miss', actor: 'server', notify: CHANGED, note: "the Seller's fault" },
    { from: 'inProgress', to: 'failed', event: 'fail', actor: 'server', notify: CHANGED, note: "the Buyer's fault" },
  ],
  source: [`${WORKFORCE_MEDIA}/appointmentStates.puml`, 'MEF 137 §6.2.4 Table 9', 'MEF 137 §6.5, §6.6'],
};
