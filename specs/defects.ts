/**
 * Known defects of the MEF LSO SDK (Grace) and how the contract engine treats each one. Never silent: every time a
 * patch changes a document the engine records where (file and JSON pointer), `lso specs doctor` prints this
 * registry with those places, and every report cites the entries that applied. Sources: mef-contracts.md §6, checked
 * by loading the files. A schema problem not listed here fails the project's tests rather than passing quietly.
 */
export type Treatment = 'patched' | 'unusable' | 'enforced' | 'tolerated';

export interface SdkDefect {
  id: string;
  title: string;
  /** Files (relative to the SDK root) the defect is known in; a trailing `/` means everything below. */
  files: string[];
  problem: string;
  treatment: Treatment;
  /** What the engine does about it, in one sentence a certifier can read. */
  handling: string;
}

type Json = Record<string, any>;

export const SDK_DEFECTS: readonly SdkDefect[] = [
  {
    id: 'SDK-URN-REFS',
    title: 'URN $id with relative file $refs',
    files: ['sonata/productSchema/', 'cantata/productSchema/', 'legato/serviceSchema/', 'interlude/serviceSchema/'],
    problem: 'Schema roots carry a URN `$id`, so their relative file `$ref`s cannot be resolved against it (trap A4).',
    treatment: 'patched',
    handling:
      'Every `$id` is dropped and each file is registered under its own file URI; the URN index maps `@type` to the file.',
  },
  {
    id: 'SDK-DISCRIMINATOR',
    title: 'Discriminators that validators ignore',
    files: ['sonata/productApi/', 'cantata/productApi/', 'legato/serviceApi/', 'interlude/serviceApi/'],
    problem:
      'Polymorphic types declare `discriminator` on the base with subtypes that `allOf` the base (no `oneOf`), or no mapping at all for product payloads, so JSON Schema validators check only `@type` (trap D24).',
    treatment: 'enforced',
    handling:
      'The engine dispatches on `@type`: to the mapped subtype, or through the URN index to the product or service schema; an unknown value is a violation naming the nearest known ones.',
  },
  {
    id: 'SDK-NULL-KEYWORD',
    title: 'Schema keywords with a null value',
    files: [
      'sonata/productSchema/carrierEthernet/operatorEthernet/accessEline/accessElineOvc.yaml',
      'legato/serviceSchema/',
    ],
    problem:
      '`properties:` with nothing after it (YAML null) makes `AccessElineOvcEndPoint` invalid JSON Schema (§6.2).',
    treatment: 'patched',
    handling: 'Null-valued keywords are dropped before compiling.',
  },
  {
    id: 'SDK-MISINDENTED-ITEMS',
    title: '`$ref` written beside an empty `items`',
    files: ['legato/serviceSchema/carrierEthernet/carrierEthernetEvcEndPoint.yaml'],
    problem:
      '`egressMap` has `items:` empty and its `$ref` one level too far out, so the array itself would have to be a map.',
    treatment: 'patched',
    handling: 'The `$ref` is moved into `items`.',
  },
  {
    id: 'SDK-SELF-RECURSION',
    title: 'Accidental self-recursion in the OVC egress map',
    files: ['sonata/productSchema/carrierEthernet/operatorEthernet/operatorEthernetCommon/ovcEgressMaps.yaml'],
    problem:
      '`PcpFromCosDeiFromCosColor.cnPcpCcDeiEntries.items` refers to its own definition instead of `CnPcpCcDei` (trap A3).',
    treatment: 'patched',
    handling:
      'The items `$ref` is pointed at `#/definitions/CnPcpCcDei`, so entries are checked as the schema intends.',
  },
  {
    id: 'SDK-MISINDENTED-PROPERTIES',
    title: '`description` or `required` indented into `properties`',
    files: ['legato/serviceSchema/', 'interlude/serviceSchema/'],
    problem:
      'A string or list sits where a property schema should be, so the schema does not compile (§6.2, all 4 PM schemas).',
    treatment: 'patched',
    handling:
      "A string `description` is moved up to the schema, a `required` list is merged into the schema's `required`.",
  },
  {
    id: 'SDK-ALLOF-MAP',
    title: '`allOf` written as a map',
    files: ['legato/serviceSchema/sdWan/'],
    problem: '`allOf` holds an object instead of a list of schemas.',
    treatment: 'patched',
    handling: "The map's values become the `allOf` list.",
  },
  {
    id: 'SDK-NULLABLE-NO-TYPE',
    title: 'OAS `nullable` without `type` in draft-07 files',
    files: ['legato/serviceSchema/ip/ipCommon.yaml', 'legato/serviceSchema/sdWan/'],
    problem:
      'The OpenAPI keyword `nullable` appears in draft-07 schemas without a sibling `type` (trap D27); ajv refuses it.',
    treatment: 'patched',
    handling: '`nullable` is dropped where there is no `type`, so a null value stays invalid as draft-07 says.',
  },
  {
    id: 'SDK-REMOTE-REF',
    title: 'Remote `$ref`s to asyncapi.com in streaming management',
    files: ['legato/serviceApi/pm/', 'interlude/serviceApi/pm/'],
    problem:
      'The streaming management specs `$ref` `http://asyncapi.com/definitions/2.6.0/…`, unreachable offline (trap A1).',
    treatment: 'patched',
    handling:
      'Each remote reference is replaced by an open schema, so those parts (AsyncAPI documents) are not checked; everything else is.',
  },
  {
    id: 'SDK-PM-MEASUREMENT-DATA-POINT',
    title: 'PM `ReportContentItem` requires a property that does not exist',
    files: [
      'legato/serviceApi/pm/performanceMonitoring.api.yaml',
      'interlude/serviceApi/pm/performanceMonitoring.api.yaml',
    ],
    problem:
      '`required` lists `measurementDataPoint` but the property is `measurementDataPoints`: every report would fail (trap B6).',
    treatment: 'patched',
    handling: 'The required entry is read as `measurementDataPoints`.',
  },
  {
    id: 'SDK-POQ-DATE-FORMAT',
    title: '`requestedPOQCompletionDate` is a date in `_Find`, a date-time elsewhere',
    files: ['sonata/productApi/serviceability/offeringQualification/productOfferingQualificationManagement.api.yaml'],
    problem:
      'The same attribute has `format: date` in `ProductOfferingQualification_Find` and `date-time` in `_Common` (trap B7).',
    treatment: 'tolerated',
    handling: 'Validated as each schema says; a suite that meets it reports the mismatch with this id.',
  },
  {
    id: 'SDK-BILL-ARRAYS',
    title: 'Single billing resources returned as arrays',
    files: [
      'sonata/productApi/billing/billingManagement.api.yaml',
      'cantata/productApi/billing/billingManagement.api.yaml',
    ],
    problem:
      '`GET /customerBill/{id}` and `GET /customerBillItem/{id}` return arrays and take no buyerId/sellerId (trap B8).',
    treatment: 'tolerated',
    handling: 'Validated as the spec says (an array).',
  },
  {
    id: 'SDK-TT-FIND-REQUIRED',
    title: '`TroubleTicket_Find` requires attributes an open ticket cannot have',
    files: [
      'sonata/productApi/troubleTicket/troubleTicketManagement.api.yaml',
      'cantata/productApi/troubleTicket/troubleTicketManagement.api.yaml',
    ],
    problem:
      'The list item type requires `externalId` (optional on create), `expectedResolutionDate` and `resolutionDate` (set only once resolved), so a list holding an unresolved ticket cannot conform.',
    treatment: 'tolerated',
    handling:
      'Validated as the spec says; the Sonata suite lists resolved tickets only, so a conforming seller is not failed for it.',
  },
  {
    id: 'SDK-WORKORDER-LIST-OBJECT',
    title: '`GET /workorder` answers a single object',
    files: [
      'sonata/productApi/workforce/workorder/workorderManagement.api.yaml',
      'cantata/productApi/workforce/workorder/workorderManagement.api.yaml',
    ],
    problem:
      'The list operation returns one `WorkOrder_Find` object, not an array, and declares no pagination headers (trap B9).',
    treatment: 'tolerated',
    handling:
      'Validated as the spec says; the Sonata suite accepts an object or an array and checks the work orders in it.',
  },
];

export function getDefect(id: string): SdkDefect {
  const d = SDK_DEFECTS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown SDK defect id ${id}`);
  return d;
}

/** Where a patch changed a document, for `lso specs doctor` and the reports. */
export interface DefectApplication {
  defectId: string;
  file: string;
  pointer: string;
  detail: string;
}

export interface NodeCtx {
  file: string;
  pointer: string;
  record: (defectId: string, detail: string, pointer?: string) => void;
}

const isSchema = (v: unknown): boolean => typeof v === 'boolean' || (!!v && typeof v === 'object' && !Array.isArray(v));

/**
 * Repairs one schema node in place. Each repair is generic in shape but recorded against its registry entry, so a
 * defect that appears in a new SDK release is still handled and still reported.
 */
export function repairNode(node: Json, ctx: NodeCtx): void {
  for (const [k, v] of Object.entries(node)) {
    if (v === null) {
      delete node[k];
      if (k === 'items' && typeof node.$ref === 'string' && node.type === 'array') {
        node.items = { $ref: node.$ref };
        delete node.$ref;
        ctx.record('SDK-MISINDENTED-ITEMS', `moved $ref ${node.items.$ref} into items`);
      } else ctx.record('SDK-NULL-KEYWORD', `dropped null keyword '${k}'`);
    }
  }
  const props = node.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [name, sub] of Object.entries(props)) {
      if (isSchema(sub)) continue;
      delete props[name];
      if (name === 'description' && typeof sub === 'string') {
        node.description ??= sub;
        ctx.record(
          'SDK-MISINDENTED-PROPERTIES',
          'moved description out of properties',
          `${ctx.pointer}/properties/description`,
        );
      } else if (name === 'required' && Array.isArray(sub)) {
        node.required = [...new Set([...(node.required ?? []), ...sub])];
        ctx.record(
          'SDK-MISINDENTED-PROPERTIES',
          'moved required out of properties',
          `${ctx.pointer}/properties/required`,
        );
      } else {
        ctx.record(
          'SDK-MISINDENTED-PROPERTIES',
          `dropped non-schema property '${name}'`,
          `${ctx.pointer}/properties/${name}`,
        );
      }
    }
  }
  if (node.allOf && typeof node.allOf === 'object' && !Array.isArray(node.allOf)) {
    node.allOf = Object.values(node.allOf);
    ctx.record('SDK-ALLOF-MAP', 'turned allOf map into a list');
  }
  if ('nullable' in node && node.type === undefined) {
    delete node.nullable;
    ctx.record('SDK-NULLABLE-NO-TYPE', 'dropped nullable without type');
  }
  if (typeof node.$ref === 'string' && /^https?:\/\//.test(node.$ref)) {
    const ref = node.$ref;
    delete node.$ref;
    ctx.record('SDK-REMOTE-REF', `replaced remote $ref ${ref} by an open schema`);
  }
  const items = node.items;
  if (
    ctx.file.endsWith('ovcEgressMaps.yaml') &&
    ctx.pointer.endsWith('/PcpFromCosDeiFromCosColor/properties/cnPcpCcDeiEntries') &&
    items?.$ref === '#/definitions/PcpFromCosDeiFromCosColor'
  ) {
    items.$ref = '#/definitions/CnPcpCcDei';
    ctx.record('SDK-SELF-RECURSION', 'pointed items at #/definitions/CnPcpCcDei');
  }
  if (
    Array.isArray(node.required) &&
    node.required.includes('measurementDataPoint') &&
    node.properties?.measurementDataPoints
  ) {
    node.required = node.required.map((r: string) => (r === 'measurementDataPoint' ? 'measurementDataPoints' : r));
    ctx.record('SDK-PM-MEASUREMENT-DATA-POINT', 'required measurementDataPoint read as measurementDataPoints');
  }
}
