import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eplOrder } from '../fixtures/payloads';
import { runLso } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'lso-cli-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const validOrder = file('order.json', JSON.stringify(eplOrder()));
const badOrder = (() => {
  const o = eplOrder();
  o.productOrderItem[0].product.place = [
    { '@type': 'FieldedAddress', role: 'INSTALL_ADDRESS', country: 'US', streetName: 'Main' },
  ];
  o.productOrderItem[0].product.productConfiguration.maximumFrameSize = 'big';
  return file('bad-order.json', JSON.stringify(o));
})();
const validate = (...args: string[]) =>
  runLso(['specs', 'validate', '--api', 'sonata.productOrder', '--operation', 'createProductOrder', ...args]);

describe('lso specs (child process)', () => {
  it('lists every API with id, reference point, version, base path and operation count', () => {
    const r = runLso(['specs', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^sonata\.productOrder\s+Sonata\s+management\s+10\.0\.0\s+16\s+\/mefApi\/sonata\/productOrderingManagement\/v10$/m,
    );
    expect(r.stdout).toMatch(/^58 APIs, 464 operations$/m);
    const json = JSON.parse(runLso(['specs', 'list', '--json']).stdout);
    expect(json.find((a: { id: string }) => a.id === 'cantata.quote')).toMatchObject({
      referencePoint: 'Cantata',
      basePath: '/mefApi/cantata/quoteManagement/v2',
    });
  });

  it('shows the operations of one API', () => {
    const r = runLso(['specs', 'show', 'sonata.troubleTicket']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/POST\s+\/troubleTicket\/\{id\}\/cancel\s+cancelTroubleTicket/);
    expect(JSON.parse(runLso(['specs', 'show', 'sonata.troubleTicket', '--json']).stdout).operations).toHaveLength(12);
  });

  it('exits 0 for a valid request body', () => {
    const r = validate(validOrder);
    expect(r.stdout).toMatch(/^valid: 0 error\(s\)/m);
    expect(r.code).toBe(0);
  });

  it('exits 1 for an invalid one, one readable line per violation with pointer, message, expected and found', () => {
    const r = validate(badOrder);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^error +\/productOrderItem\/0\/product\/place\/0\/city +required: required property 'city' is missing; expected present +\[sonata\/productApi\/order\/productOrderManagement\.api\.yaml#\/components\/schemas\/FieldedAddress/m,
    );
    expect(r.stdout).toMatch(
      /^error +\/productOrderItem\/0\/product\/productConfiguration\/maximumFrameSize +type: must be integer, found string; expected integer; found string/m,
    );
    expect(r.stdout).toMatch(/^invalid: 2 error\(s\)/m);
  });

  it('validates a response body with --response and honours --strict and --json', () => {
    const r = validate(
      '--response',
      '422',
      file('e422.json', JSON.stringify({ code: 'missingProperty', reason: 'x' })),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/must be array/);
    const typo = eplOrder();
    typo.externalIdd = 'x';
    const typoFile = file('typo.json', JSON.stringify(typo));
    expect(validate(typoFile).code).toBe(0);
    const strict = validate('--strict', '--json', typoFile);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).violations[0]).toMatchObject({ pointer: '/externalIdd', rule: 'unknownProperty' });
  });

  it.each([
    [
      ['specs', 'validate', '--api', 'sonata.productOrdr', '--operation', 'createProductOrder', 'ORDER'],
      /^lso: unknown API 'sonata.productOrdr' \(did you mean sonata.productOrder, /,
    ],
    [
      ['specs', 'validate', '--api', 'sonata.productOrder', '--operation', 'create', 'ORDER'],
      /^lso: API sonata.productOrder has no operation 'create'/,
    ],
    [
      ['specs', 'validate', '--api', 'sonata.productOrder', '--operation', 'createProductOrder', 'NOPE'],
      /^lso: cannot read .*nope\.json: ENOENT/,
    ],
    [
      ['specs', 'validate', '--api', 'sonata.productOrder', '--operation', 'createProductOrder', 'GARBAGE'],
      /^lso: .*garbage\.json is not JSON/,
    ],
    [['specs', 'show', 'nothing.here'], /^lso: unknown API 'nothing.here'/],
  ])('exits 2 with one clear line, no stack trace: %j', (args, message) => {
    const real = args.map((a) =>
      a === 'ORDER'
        ? validOrder
        : a === 'NOPE'
          ? join(dir, 'nope.json')
          : a === 'GARBAGE'
            ? file('garbage.json', '{"a": ')
            : a,
    );
    const r = runLso(real);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says where it looked when no SDK can be found', () => {
    const r = runLso(['specs', 'list', '--sdk', join(dir, 'no-sdk-here')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lso: --sdk .*no-sdk-here is not a MEF LSO SDK folder/);
    const env = runLso(['specs', 'list'], { LSO_SDK_DIR: join(dir, 'missing') });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/LSO_SDK_DIR/);
  });

  it('prints the known SDK defects with where they applied', () => {
    const r = runLso(['specs', 'doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+sonata MEF-GIT\/MEF-LSO-Sonata-SDK 057d523/m);
    expect(r.stdout).toMatch(/^SDK-SELF-RECURSION \[patched\]/m);
    expect(r.stdout).toMatch(
      /applied 1x in: sonata\/productSchema\/carrierEthernet\/operatorEthernet\/operatorEthernetCommon\/ovcEgressMaps\.yaml/,
    );
  });
});
