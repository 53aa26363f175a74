/**
 * The 15 MEF LSO Developer Guides whose numbered requirements the harness cites, as data.
 *
 * `file` is relative to the SDK root. The Sonata and Cantata SDKs ship byte-identical copies of the product guides, and
 * the Legato and Interlude SDKs identical copies of the PM guides; one copy is named here (Sonata, resp. Legato) so a
 * requirement has a single source line to cite.
 */

export const REFERENCE_POINTS = ['sonata', 'cantata', 'legato', 'interlude'] as const;
export type ReferencePoint = (typeof REFERENCE_POINTS)[number];

export const GUIDE_KEYS = [
  'MEF123',
  'MEF115',
  'MEF87',
  'MEF116',
  'MEF121',
  'MEF122',
  'MEF124',
  'MEF137',
  'MEF141',
  'MEFW142',
  'MEFW160',
  'MEF99',
  'MEF135',
  'MEFW143',
  'MEFW147',
] as const;
export type GuideKey = (typeof GUIDE_KEYS)[number];

export interface Guide {
  /** How a requirement is cited: `${key} ${id}`, e.g. `MEF123 R45`. */
  key: GuideKey;
  /** Short name used in reports and in the reference TSV, e.g. `MEF123 Order`. */
  label: string;
  title: string;
  file: string;
  referencePoints: readonly ReferencePoint[];
  /** Catalogue API ids (`<referencePoint>.<api>`) whose behaviour the guide's requirements govern. */
  apis: readonly string[];
}

const PRODUCT = 'sonata/documentation/productApi';
const SERVICE = 'legato/documentation/serviceApi';
const SONATA_CANTATA: readonly ReferencePoint[] = ['sonata', 'cantata'];
const LEGATO_INTERLUDE: readonly ReferencePoint[] = ['legato', 'interlude'];

/** The same API names under each reference point, e.g. `sonata.quote` and `cantata.quote`. */
function apisOf(points: readonly ReferencePoint[], names: readonly string[]): string[] {
  return points.flatMap((p) => names.map((n) => `${p}.${n}`));
}

type Row = [
  key: GuideKey,
  label: string,
  dir: string,
  title: string,
  points: readonly ReferencePoint[],
  apiNames: string[],
];

// prettier-ignore
const ROWS: Row[] = [
  ['MEF123', 'MEF123 Order', `${PRODUCT}/order`,
    'MEF 123 - LSO Cantata and LSO Sonata Product Order Management API - Developer Guide',
    SONATA_CANTATA, ['productOrder', 'productOrderNotification']],
  ['MEF115', 'MEF115 Quote', `${PRODUCT}/quote`,
    'MEF 115 - LSO Cantata and LSO Sonata Quote Management API - Developer Guide',
    SONATA_CANTATA, ['quote', 'quoteNotification']],
  ['MEF87', 'MEF87 POQ', `${PRODUCT}/serviceability/offeringQualification`,
    'MEF 87 - LSO Cantata and LSO Sonata Product Offering Qualification API - Developer Guide',
    SONATA_CANTATA, ['productOfferingQualification', 'productOfferingQualificationNotification']],
  ['MEF116', 'MEF116 Inventory', `${PRODUCT}/inventory`,
    'MEF 116 - LSO Cantata and LSO Sonata Product Inventory API - Developer Guide',
    SONATA_CANTATA, ['productInventory']],
  ['MEF121', 'MEF121 Address', `${PRODUCT}/serviceability/address`,
    'MEF 121 - LSO Cantata and LSO Sonata Address Management API - Developer Guide',
    SONATA_CANTATA, ['geographicAddress']],
  ['MEF122', 'MEF122 Site', `${PRODUCT}/serviceability/site`,
    'MEF 122 - LSO Cantata and LSO Sonata Site Management API - Developer Guide',
    SONATA_CANTATA, ['geographicSite']],
  ['MEF124', 'MEF124 TroubleTicket', `${PRODUCT}/troubleTicket`,
    'MEF 124 - LSO Cantata and LSO Sonata Trouble Ticket and Incident Management API - Developer Guide',
    SONATA_CANTATA, ['troubleTicket', 'troubleTicketNotification']],
  ['MEF137', 'MEF137 Workforce', `${PRODUCT}/workforce`,
    'MEF 137 - LSO Cantata and LSO Sonata Appointment and Work Order Management API - Developer Guide',
    SONATA_CANTATA, ['appointment', 'appointmentNotification', 'workorder', 'workorderNotification']],
  ['MEF141', 'MEF141 Billing', `${PRODUCT}/billing`,
    'MEF 141 - LSO Cantata and LSO Sonata Billing Management API - Developer Guide',
    SONATA_CANTATA, ['billing', 'billingNotification']],
  ['MEFW142', 'MEFW142 Catalog', `${PRODUCT}/catalog`,
    'MEF W142 - LSO Cantata and LSO Sonata Product Catalog API - Developer Guide',
    SONATA_CANTATA, ['productCatalog', 'productCatalogNotification']],
  ['MEFW160', 'MEFW160 POAPD', `${PRODUCT}/availabilityAndPricingDiscovery`,
    'MEF W160 - Product Offering Availability and Pricing Discovery API - Developer Guide',
    SONATA_CANTATA, ['productOfferingAvailabilityAndPricingDiscovery']],
  ['MEF99', 'MEF99 ServiceOrder', `${SERVICE}/order`,
    'MEF 99 - LSO Service Ordering Management API - Developer Guide',
    ['legato'], ['serviceOrdering', 'serviceOrderingNotification']],
  ['MEF135', 'MEF135 ServiceInventory', `${SERVICE}/inventory`,
    'MEF 135 - LSO Legato Service Inventory Management API - Developer Guide',
    ['legato'], ['serviceInventory', 'serviceInventoryNotification']],
  // The PM guides also name LSO Allegro, which has no SDK of its own; only the reference points shipped are listed.
  ['MEFW143', 'MEFW143 PM', `${SERVICE}/pm`,
    'MEF W143 - LSO Allegro, LSO Interlude and LSO Legato Performance Monitoring API - Developer Guide',
    LEGATO_INTERLUDE, ['performanceMonitoring', 'performanceNotification']],
  ['MEFW147', 'MEFW147 Streaming', `${SERVICE}/pm`,
    'MEF W147 - LSO Allegro, LSO Interlude and LSO Legato Performance Monitoring Streaming Management - Developer Guide',
    LEGATO_INTERLUDE, ['streamingManagement']],
];

export const GUIDES: readonly Guide[] = ROWS.map(([key, label, dir, title, referencePoints, names]) => ({
  key,
  label,
  title,
  // Guide files are named after their title, so the table does not spell the name twice.
  file: `${dir}/${title}.md`,
  referencePoints,
  apis: apisOf(referencePoints, names),
}));

const BY_KEY = new Map<string, Guide>(GUIDES.map((g) => [g.key, g]));

export function guideByKey(key: string): Guide | undefined {
  return BY_KEY.get(key);
}

export function isGuideKey(key: string): key is GuideKey {
  return BY_KEY.has(key);
}
