import { ProfileError } from '../../../suites/harness/errors';
import { parseProfile, type ProfileRole } from '../../../suites/harness/profile';
import { SONATA_SELLER_PROFILE } from '../../../suites/sonata-seller/profile';
import { CLIENT_PROFILE } from '../../../suites/stage-selftest/profile';

const parse = (text: string, role: ProfileRole<any>) =>
  parseProfile(text, 'target.yaml', role, { baseDir: process.cwd(), env: {} });
function problem(text: string, role: ProfileRole<any>): string {
  try {
    parse(text, role);
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError);
    return (err as Error).message;
  }
  throw new Error('the profile was accepted');
}

describe('target profile: a union keyed by role', () => {
  test('a profile without role is a Seller profile; role: sonata-seller says the same', () => {
    expect(parse('target:\n  baseUrl: http://a\n', SONATA_SELLER_PROFILE)).toMatchObject({
      role: 'sonata-seller',
      products: [],
      stage: { host: '127.0.0.1', port: 0 },
    });
    expect(
      parse('role: sonata-seller\ntarget:\n  baseUrl: http://a\nbuyerId: B1\n', SONATA_SELLER_PROFILE),
    ).toMatchObject({ role: 'sonata-seller', buyerId: 'B1' });
  });

  test('a client profile needs no target URL, has no Seller keys, and sets where the stage binds', () => {
    expect(parse('role: client\ntarget:\n  name: my buyer\nstage:\n  port: 8099\n', CLIENT_PROFILE)).toEqual(
      expect.objectContaining({
        role: 'client',
        target: { name: 'my buyer', apis: {} },
        stage: { host: '127.0.0.1', port: 8099 },
        capabilities: {},
      }),
    );
    expect(problem('role: client\ntarget:\n  name: b\nbuyerId: B1\n', CLIENT_PROFILE)).toMatch(
      /^target\.yaml:4 buyerId: unknown key/,
    );
  });

  test.each([
    [
      'a client profile given to a Seller suite',
      'role: client\ntarget:\n  name: b\n',
      SONATA_SELLER_PROFILE,
      'target.yaml:1 role: this suite tests a Sonata Seller (role: sonata-seller); the profile is for a client',
    ],
    [
      'a profile without role given to a client suite',
      'target:\n  name: b\n',
      CLIENT_PROFILE,
      'target.yaml:1 role: is required: this suite tests a client of the APIs the harness serves; set role: client (a profile without role describes a sonata-seller)',
    ],
    [
      'a capability the role does not define',
      'target:\n  baseUrl: http://a\ncapabilities:\n  teleport: true\n',
      SONATA_SELLER_PROFILE,
      'target.yaml:4 capabilities.teleport: unknown key; allowed: cancel, modifyDeliveryDate, charges, deferredPoq, milestones',
    ],
  ])('%s is one line naming the key', (_name, text, role, expected) => {
    expect(problem(text, role)).toBe(expected);
  });
});
