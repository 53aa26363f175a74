import { Contracts, OPENAPI_SOURCE, type ApiEntry, type ContractSource } from '../../specs';
import { HarnessError, UsageError } from '../../lib/errors';

/** A second source, as a YANG/RFC 8040 one will be: its APIs come from elsewhere than the OpenAPI documents. */
function toySource(entries: ApiEntry[]): ContractSource & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    name: 'toy',
    asked,
    apis: (where) => {
      asked.push(where);
      return entries;
    },
  };
}

const TOY_THING: ApiEntry = {
  id: 'presto.toyThing',
  sdk: 'presto',
  referencePoint: 'Presto',
  kind: 'management',
  title: 'A toy YANG module',
  version: '2025-01-01',
  basePath: '/restconf/data/toy-thing:things',
  file: 'presto/yang/toy-thing.yang',
  format: 'yang',
  operations: [
    {
      apiId: 'presto.toyThing',
      method: 'get',
      path: '/thing={name}',
      operationId: 'getThing',
      parameters: [{ name: 'name', in: 'path', required: true }],
      responses: [{ status: '200', contentTypes: ['application/yang-data+json'], headers: [], hasBody: true }],
      pointer: '/toy-thing:things/thing',
    },
  ],
};

describe('contract sources: a second catalogue stands beside the OpenAPI one', () => {
  const openapiOnly = Contracts.load({ sdks: ['sonata'] });
  const toy = toySource([TOY_THING]);
  const both = Contracts.load({ sdks: ['sonata'], sources: [OPENAPI_SOURCE, toy] });

  test('the OpenAPI documents are the source when none is named', () => {
    expect(Contracts.load({ sdks: ['sonata'], sources: [OPENAPI_SOURCE] }).apis).toEqual(openapiOnly.apis);
  });

  test("the second source's APIs are in the catalogue, after the OpenAPI ones, which are unchanged", () => {
    expect(both.api('presto.toyThing')).toBe(TOY_THING);
    expect(both.operation('presto.toyThing', 'getThing').path).toBe('/thing={name}');
    expect(both.apis.map((a) => a.id)).toEqual([...openapiOnly.apis.map((a) => a.id), 'presto.toyThing']);
    expect(both.api('sonata.productOrder')).toEqual(openapiOnly.api('sonata.productOrder'));
  });

  test('each source is told the SDK folder and the SDKs asked for', () => {
    expect(toy.asked).toEqual([{ sdkDir: both.sdkDir, sdks: ['sonata'] }]);
  });

  test('requests still match by path in an API from another source', () => {
    expect(both.match('presto.toyThing', 'GET', '/thing=a')).toEqual({
      op: TOY_THING.operations[0],
      pathParams: { name: 'a' },
    });
  });

  test('a YANG API is listed but not validated as if it were JSON Schema, and the doctor says so', () => {
    expect(() => both.validateRequest('presto.toyThing', 'getThing', { pathParams: { name: 'a' } })).toThrow(
      UsageError,
    );
    expect(() => both.validateResponse('presto.toyThing', 'getThing', { status: 200, body: {} })).toThrow(
      /YANG contract/,
    );
    expect(both.compileAll(['presto.toyThing'])).toEqual([
      {
        apiId: 'presto.toyThing',
        operationId: 'getThing',
        target: TOY_THING.file,
        error: expect.stringContaining('YANG'),
      },
    ]);
  });

  test('an id two sources both claim is refused, naming both', () => {
    const clash = toySource([{ ...TOY_THING, id: 'sonata.productOrder' }]);
    expect(() => Contracts.load({ sdks: ['sonata'], sources: [OPENAPI_SOURCE, clash] })).toThrow(HarnessError);
    expect(() => Contracts.load({ sdks: ['sonata'], sources: [OPENAPI_SOURCE, clash] })).toThrow(
      /sonata\.productOrder.*openapi.*toy/,
    );
  });
});
