/** The Sonata management APIs the suite calls, by catalogue id, and the notification API paired with each. */
export const API = {
  address: 'sonata.geographicAddress',
  site: 'sonata.geographicSite',
  poq: 'sonata.productOfferingQualification',
  quote: 'sonata.quote',
  order: 'sonata.productOrder',
  inventory: 'sonata.productInventory',
  ticket: 'sonata.troubleTicket',
  appointment: 'sonata.appointment',
  workOrder: 'sonata.workorder',
  catalog: 'sonata.productCatalog',
  poapd: 'sonata.productOfferingAvailabilityAndPricingDiscovery',
} as const;

export const NOTIFICATION_API = {
  poq: 'sonata.productOfferingQualificationNotification',
  quote: 'sonata.quoteNotification',
  order: 'sonata.productOrderNotification',
  ticket: 'sonata.troubleTicketNotification',
  appointment: 'sonata.appointmentNotification',
  workOrder: 'sonata.workorderNotification',
  catalog: 'sonata.productCatalogNotification',
} as const;

export const MANAGEMENT_APIS: readonly string[] = Object.values(API);
export const NOTIFICATION_APIS: readonly string[] = Object.values(NOTIFICATION_API);
