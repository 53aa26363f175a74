import { int64Findings, mediaTypeFindings, prefixFindings } from '../../../suites/presto-controller/encoding';

const rules = (vs: { rule: string; pointer: string }[]) => vs.map((v) => `${v.rule} ${v.pointer}`);

describe('RFC 7951 / RFC 8040 findings of a reply', () => {
  test.each([
    ['int64 leaves as strings', { 'tapi-connectivity:output': { service: { 'max-frame-size': '1500' } } }, []],
    [
      'a vlan-id and a cir as numbers',
      { o: { 'vlan-id': [{ 'vlan-id': 301 }], 'ingress-bwp-flow': { cir: 100, cbs: '1' } } },
      ['rfc7951-int64 /o/vlan-id/0/vlan-id', 'rfc7951-int64 /o/ingress-bwp-flow/cir'],
    ],
    [
      'a prefixed int64 leaf as a number',
      { 'nrp-interface:max-frame-size': 1522 },
      ['rfc7951-int64 /nrp-interface:max-frame-size'],
    ],
    ['a number that is not an int64 leaf', { 'x:y': { cost: 10 } }, []],
  ])('int64: %s', (_what, body, expected) => {
    expect(rules(int64Findings(body))).toEqual(expected);
  });

  test.each([
    ['RFC 7951 names', { 'tapi-common:context': { 'tapi-topology:topology': [], uuid: 'c' } }, []],
    ['a bare output', { output: { service: {} } }, ['rfc7951-top-level-prefix /output']],
    [
      'an augment of the context without its module',
      { 'tapi-common:context': { 'connectivity-service': [] } },
      ['rfc7951-augment-prefix /tapi-common:context/connectivity-service'],
    ],
    [
      "nrp-interface's end-point resource without its module",
      {
        'tapi-connectivity:output': {
          service: { 'end-point': [{ 'nrp-carrier-eth-connectivity-end-point-resource': {} }] },
        },
      },
      [
        'rfc7951-augment-prefix /tapi-connectivity:output/service/end-point/0/nrp-carrier-eth-connectivity-end-point-resource',
      ],
    ],
    [
      "a service's own connection list (same module)",
      { 'tapi-connectivity:output': { service: { connection: [] } } },
      [],
    ],
  ])('prefixes: %s', (_what, body, expected) => {
    expect(rules(prefixFindings(body))).toEqual(expected);
  });

  test.each([
    ['application/yang-data+json', true, 0],
    ['application/yang-data+json; charset=utf-8', true, 0],
    ['application/json', true, 1],
    [undefined, true, 1],
    ['text/plain', false, 0],
  ])('media type %s (body: %s)', (contentType, hasBody, n) => {
    expect(mediaTypeFindings(contentType, hasBody)).toHaveLength(n);
  });
});
