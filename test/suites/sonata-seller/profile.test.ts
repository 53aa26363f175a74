import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileError } from '../../../suites/harness/errors';
import { loadProfile, parseProfile } from '../../../suites/harness/profile';
import { EXAMPLE_PROFILE, writeExampleProfile } from '../../../suites/harness/profile-example';
import { SONATA_SELLER_PROFILE, type SonataSellerProfile } from '../../../suites/sonata-seller/profile';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lso-profile-'));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'fixtures', 'epl.json'), JSON.stringify({ productOrderItem: [] }));
  writeFileSync(join(dir, 'fixtures', 'broken.json'), '{ not json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (text: string, env: NodeJS.ProcessEnv = {}): SonataSellerProfile =>
  parseProfile(text, 'seller.yaml', SONATA_SELLER_PROFILE, { baseDir: dir, env });

/** The one-line message a bad profile produces, or a failure if it loads. */
function problem(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(text, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('the profile was accepted');
}

const GOOD = `target:
  name: Acme seller
  version: 4.2.0
  baseUrl: https://seller.example.net/api
  apis:
    sonata.quote: https://quotes.example.net/mefApi/sonata/quoteManagement/v8
auth:
  type: oauth2-client-credentials
  tokenUrl: https://auth.example.net/token
  clientId: harness
  clientSecretEnv: SELLER_SECRET
  scope: default
buyerId: BUYER-1
products:
  - name: EPL
    offeringId: EPL-OFFERING
    fixture: fixtures/epl.json
listener:
  host: 0.0.0.0
  port: 8443
  callbackUrl: https://buyer.example.net/cb
timeouts:
  notificationMs: 1000
capabilities:
  cancel: true
`;

describe('target profile: a good profile', () => {
  test('loads with defaults applied, the secret taken from the environment and fixtures read', () => {
    const p = parse(GOOD, { SELLER_SECRET: 's3cret' });
    expect(p.target).toEqual({
      name: 'Acme seller',
      version: '4.2.0',
      baseUrl: 'https://seller.example.net/api',
      apis: { 'sonata.quote': 'https://quotes.example.net/mefApi/sonata/quoteManagement/v8' },
    });
    expect(p.auth).toEqual({
      type: 'oauth2-client-credentials',
      tokenUrl: 'https://auth.example.net/token',
      clientId: 'harness',
      clientSecret: 's3cret',
      scope: 'default',
    });
    expect(p.products).toEqual([
      { name: 'EPL', offeringId: 'EPL-OFFERING', fixture: 'fixtures/epl.json', payload: { productOrderItem: [] } },
    ]);
    expect(p.listener).toEqual({ host: '0.0.0.0', port: 8443, callbackUrl: 'https://buyer.example.net/cb' });
    expect(p.timeouts).toEqual({ requestMs: 10000, notificationMs: 1000, scenarioMs: 300000 });
    expect(p.capabilities).toEqual({
      cancel: true,
      modifyDeliveryDate: false,
      charges: false,
      deferredPoq: false,
      milestones: false,
    });
    expect(p.buyerId).toBe('BUYER-1');
  });

  test('a minimal profile needs only a base URL; auth defaults to none', () => {
    const p = parse('target:\n  baseUrl: http://127.0.0.1:8080\n');
    expect(p.auth).toEqual({ type: 'none' });
    expect(p.listener).toEqual({ host: '127.0.0.1', port: 0 });
    expect(p.products).toEqual([]);
  });

  test('the example `lso test --init` writes loads as written, and is not written over an existing file', () => {
    expect(parse(EXAMPLE_PROFILE).target.baseUrl).toBe('http://127.0.0.1:8080');
    const file = join(dir, 'init.yaml');
    writeExampleProfile(file);
    expect(loadProfile(file, SONATA_SELLER_PROFILE).target.name).toBe('Example Sonata seller');
    expect(() => writeExampleProfile(file)).toThrow(/already exists/);
  });
});

describe('target profile: each kind of error is one line naming the line and the key', () => {
  test.each([
    ['YAML syntax', 'target:\n  baseUrl: [http://x\nauth: none\n', /^seller\.yaml:3 not valid YAML: /],
    [
      'duplicate key',
      'target:\n  baseUrl: http://a\ntarget:\n  baseUrl: http://b\n',
      /^seller\.yaml:3 not valid YAML: Map keys must be unique/,
    ],
    [
      'unknown key, with the nearest valid one',
      'target:\n  baseUrl: http://a\ntimeout:\n  requestMs: 5\n',
      /^seller\.yaml:3 timeout: unknown key \(did you mean timeouts\?\)$/,
    ],
    [
      'unknown nested key',
      'target:\n  baseUrl: http://a\ncapabilities:\n  cancel: true\n  cancell: true\n',
      /^seller\.yaml:5 capabilities\.cancell: unknown key \(did you mean cancel\?\)$/,
    ],
    ['missing required key', 'auth:\n  type: none\n', /^seller\.yaml:1 target: is required$/],
    ['neither baseUrl nor apis', 'target:\n  name: x\n', /^seller\.yaml:2 target: needs exactly one of baseUrl, apis$/],
    [
      'wrong type',
      'target:\n  baseUrl: http://a\nlistener:\n  port: eighty\n',
      /^seller\.yaml:4 listener\.port: must be integer$/,
    ],
    [
      'out of range',
      'target:\n  baseUrl: http://a\nlistener:\n  port: 70000\n',
      /^seller\.yaml:4 listener\.port: must be <= 65535$/,
    ],
    [
      'not a URL',
      'target:\n  baseUrl: seller.example.net\n',
      /^seller\.yaml:2 target\.baseUrl: must be an http:\/\/ or https:\/\/ URL$/,
    ],
    [
      'bad API id key',
      'target:\n  apis:\n    productOrder: http://a\n',
      /^seller\.yaml:3 target\.apis\.productOrder: is not an API id such as sonata\.productOrder$/,
    ],
    [
      'unknown auth type',
      'target:\n  baseUrl: http://a\nauth:\n  type: basic\n',
      /^seller\.yaml:4 auth\.type: must be one of none, bearer, oauth2-client-credentials; found 'basic'$/,
    ],
    [
      'bearer without a token',
      'target:\n  baseUrl: http://a\nauth:\n  type: bearer\n',
      /^seller\.yaml:4 auth: needs exactly one of token, tokenEnv$/,
    ],
    [
      'a key of another auth type',
      'target:\n  baseUrl: http://a\nauth:\n  type: bearer\n  token: t\n  clientId: x\n',
      /^seller\.yaml:6 auth\.clientId: unknown key/,
    ],
    [
      'timeout not a whole number',
      'target:\n  baseUrl: http://a\ntimeouts:\n  requestMs: 1.5\n',
      /^seller\.yaml:4 timeouts\.requestMs: must be a whole number of milliseconds$/,
    ],
    [
      'product without a fixture',
      'target:\n  baseUrl: http://a\nproducts:\n  - offeringId: X\n',
      /^seller\.yaml:4 products\[0\]\.fixture: is required$/,
    ],
    [
      'fixture file missing',
      'target:\n  baseUrl: http://a\nproducts:\n  - offeringId: X\n    fixture: fixtures/nope.json\n',
      /^seller\.yaml:5 products\[0\]\.fixture: cannot read fixture: ENOENT$/,
    ],
    [
      'fixture not JSON',
      'target:\n  baseUrl: http://a\nproducts:\n  - offeringId: X\n    fixture: fixtures/broken.json\n',
      /^seller\.yaml:5 products\[0\]\.fixture: fixture is not valid JSON: /,
    ],
    ['empty file', '', /^seller\.yaml:1 the profile is empty/],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toMatch(expected);
  });

  test('a secret variable that is not set names the key that refers to it', () => {
    expect(problem(GOOD)).toBe('seller.yaml:11 auth.clientSecretEnv: environment variable SELLER_SECRET is not set');
  });

  test('a profile that cannot be read names the file', () => {
    expect(() => loadProfile(join(dir, 'missing.yaml'), SONATA_SELLER_PROFILE)).toThrow(
      /missing\.yaml cannot read the profile: ENOENT$/,
    );
  });
});
