/**
 * Product payloads the suite orders when the target profile names none: minimal `productConfiguration`s that
 * validate against the Grace product schemas (the `@type` URN is the schema's `$id`, MEF 123 §5.4). Built fresh on
 * every call so a scenario can change one without touching another.
 */
type Json = Record<string, any>;

export const URN = {
  epl: 'urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all',
  subscriberUni: 'urn:mef:lso:spec:cantata-sonata:carrier-ethernet-subscriber-uni:v1.0.0:all',
  accessEline: 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
  operatorUni: 'urn:mef:lso:spec:sonata:carrier-ethernet-operator-uni:v5.0.0:all',
  basicInternetAccess: 'urn:mef:lso:spec:cantata-sonata:basic-internet-access:v1.0.0:all',
} as const;

/** A product the suite can order: the offering it names and a configuration for it. */
export interface ProductKind {
  name: string;
  offeringId: string;
  configuration: () => Json;
}

export function eplConfiguration(maximumFrameSize = 1522): Json {
  return {
    '@type': URN.epl,
    listOfCosNames: ['high'],
    maximumFrameSize,
    evcEndPointA: { identifier: 'UNI-A-EP' },
    evcEndPointZ: { identifier: 'UNI-Z-EP' },
  };
}

export const subscriberUniConfiguration = (): Json => ({ '@type': URN.subscriberUni });
export const accessElineConfiguration = (): Json => ({ '@type': URN.accessEline, uniEp: {}, enniEp: {} });
export const operatorUniConfiguration = (): Json => ({ '@type': URN.operatorUni });
export const basicInternetAccessConfiguration = (): Json => ({
  '@type': URN.basicInternetAccess,
  ipvc: { ipvcEndPoint: {} },
  ipUni: {},
  ipUniAccessLink: {},
  ipUniAccessLinkTrunk: {},
});

/**
 * The default products, with offering ids a Seller's catalog is expected to name after the MEF product (the
 * embedded seller mock's catalog does). A target profile's `products` replace the EPL of the main lifecycle.
 */
export const PRODUCTS = {
  epl: { name: 'Ethernet Private Line', offeringId: 'EPL-OFFERING', configuration: () => eplConfiguration() },
  subscriberUni: {
    name: 'Carrier Ethernet Subscriber UNI',
    offeringId: 'UNI-OFFERING',
    configuration: subscriberUniConfiguration,
  },
  accessEline: { name: 'Access E-Line', offeringId: 'ACCESS-ELINE-OFFERING', configuration: accessElineConfiguration },
  operatorUni: {
    name: 'Carrier Ethernet Operator UNI',
    offeringId: 'OPERATOR-UNI-OFFERING',
    configuration: operatorUniConfiguration,
  },
  internetAccess: {
    name: 'Basic Internet Access',
    offeringId: 'BIA-OFFERING',
    configuration: basicInternetAccessConfiguration,
  },
} satisfies Record<string, ProductKind>;
