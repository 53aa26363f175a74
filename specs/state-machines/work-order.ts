import { fromEach, type StateMachine } from './machine';

const WORKORDER_API = 'sonata/productApi/workforce/workorder/workorderManagement.api.yaml';
const WORKFORCE_MEDIA = 'sonata/documentation/productApi/workforce/media/src';

// Read-only to the Buyer; appointments move it. Every state change is notified (MEF137 R57).
const CHANGED = ['workOrderStateChangeEvent'];

export const workOrder: StateMachine = {
  id: 'sonata.workOrder',
  api: 'sonata.workorder',
  entity: 'WorkOrder',
  stateField: 'state',
  stateEnum: { file: WORKORDER_API, schema: 'WorkOrderStateType' },
  states: ['cancelled', 'completed', 'inProgress', 'open', 'planned', 'unableToComplete'],
  initial: ['open'],
  terminal: ['cancelled', 'completed', 'unableToComplete'],
  transitions: [
    {
      from: null,
      to: 'open',
      event: 'create',
      actor: 'server',
      notify: ['workOrderCreateEvent'],
      requirements: ['MEF137 R56', 'MEF137 R58'],
      note: 'workOrderAppointmentRequiredEvent follows too when appointmentRequired=true',
    },
    {
      from: 'open',
      to: 'planned',
      event: 'appointmentCreated',
      actor: 'client',
      operationId: 'createAppointment',
      notify: CHANGED,
      requirements: ['MEF137 R21', 'MEF137 R23', 'MEF137 R24'],
    },
    // useCase14WorkOrderStates.puml has no planned → open, but cancelling the appointment requires it (MEF137 R49;
    // mef-contracts §6.3 #18), so the guide wins. Setting appointmentRequired=true brings its own event (R48, R58).
    {
      from: 'planned',
      to: 'open',
      event: 'appointmentCancelled',
      actor: 'client',
      operationId: 'cancelAppointment',
      notify: [...CHANGED, 'workOrderAppointmentRequiredEvent'],
      requirements: ['MEF137 R47', 'MEF137 R48', 'MEF137 R49', 'MEF137 R58'],
    },
    {
      from: 'planned',
      to: 'open',
      event: 'appointmentCancelledBySeller',
      actor: 'server',
      notify: [...CHANGED, 'workOrderAppointmentRequiredEvent'],
      requirements: ['MEF137 R27', 'MEF137 R58'],
      note: 'a Seller reschedule',
    },
    ...fromEach(['open', 'planned'], { to: 'inProgress', event: 'start', actor: 'server', notify: CHANGED }),
    ...fromEach(['open', 'planned'], {
      to: 'cancelled',
      event: 'cancel',
      actor: 'server',
      notify: CHANGED,
      note: 'by the Seller, or because the Buyer cancelled the Trouble Ticket',
    }),
    { from: 'inProgress', to: 'completed', event: 'complete', actor: 'server', notify: CHANGED },
    {
      from: 'inProgress',
      to: 'unableToComplete',
      event: 'unableToComplete',
      actor: 'server',
      notify: CHANGED,
      note: 'a task could not be done; a new WorkOrder is needed',
    },
  ],
  source: [`${WORKFORCE_MEDIA}/useCase14WorkOrderStates.puml`, 'MEF 137 §6.8 Table 10', 'MEF 137 §6.2.3, §6.6'],
};
