/** The Sonata Seller's tenancy, without HTTP: who may call it and for which Buyer (MEF 123 §5.3 R2–R5). */
import { BadRequest, Forbidden, Unauthorized } from '../../runtime/server/errors';
import { PUBLIC, visibleTo } from '../../runtime/server/tenancy';
import { resolvePartner } from '../../mocks/sonata-seller/partners';

describe('partners (MEF 123 R2–R5)', () => {
  const single = { multiPartner: false };
  const multi = { multiPartner: true, buyers: ['B1', 'B2'] };
  it('single-partner: buyerId and sellerId must not be sent', () => {
    expect(resolvePartner(single, {}, undefined, true).key).toBe('-');
    expect(() => resolvePartner(single, { buyerId: 'B1' }, undefined, true)).toThrow(BadRequest);
    expect(() => resolvePartner(single, { sellerId: 'S1' }, undefined, true)).toThrow(BadRequest);
  });
  it('multi-partner: buyerId is required, and only the allowed buyers may be named', () => {
    expect(() => resolvePartner(multi, {}, undefined, true)).toThrow(
      expect.objectContaining({ code: 'missingQueryParameter' }),
    );
    expect(() => resolvePartner(multi, { buyerId: 'B9' }, undefined, true)).toThrow(Forbidden);
    const p = resolvePartner(multi, { buyerId: 'B1' }, undefined, true);
    expect(p).toMatchObject({ buyerId: 'B1' });
    expect(visibleTo(p.key, p)).toBe(true);
    expect(visibleTo(resolvePartner(multi, { buyerId: 'B2' }, undefined, true).key, p)).toBe(false);
    expect(visibleTo(PUBLIC, p)).toBe(true);
  });
  it('several sellers: sellerId is required and partitions too', () => {
    const two = { multiPartner: true, sellers: ['S1', 'S2'] };
    expect(() => resolvePartner(two, { buyerId: 'B' }, undefined, true)).toThrow(BadRequest);
    expect(resolvePartner(two, { buyerId: 'B', sellerId: 'S1' }, undefined, true).key).not.toBe(
      resolvePartner(two, { buyerId: 'B', sellerId: 'S2' }, undefined, true).key,
    );
  });
  it('tokens: 401 without or with a wrong one; a token scopes the buyers', () => {
    const p = { multiPartner: true, tokens: { t1: { buyers: ['B1'] } } };
    expect(() => resolvePartner(p, { buyerId: 'B1' }, undefined, true)).toThrow(
      expect.objectContaining({ code: 'missingCredentials' }),
    );
    expect(() => resolvePartner(p, { buyerId: 'B1' }, 'Bearer nope', true)).toThrow(Unauthorized);
    expect(() => resolvePartner(p, { buyerId: 'B2' }, 'Bearer t1', true)).toThrow(
      expect.objectContaining({ code: 'forbiddenRequester' }),
    );
    expect(resolvePartner(p, { buyerId: 'B1' }, 'Bearer t1', true).buyerId).toBe('B1');
  });
});
