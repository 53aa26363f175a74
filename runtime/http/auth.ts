import type { Clock } from '../../lib/clock';
import { sendOnce, type WireFailure } from './transport';

export type AuthConfig =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | { type: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

/** Supplies the Authorization header for each request; a failure is data, so it becomes an `error` verdict. */
export interface AuthProvider {
  authorization(signal?: AbortSignal): Promise<{ ok: true; value?: string } | { ok: false; failure: WireFailure }>;
}

// Refresh a little before expiry so a token does not lapse between fetching it and the request arriving.
const EXPIRY_MARGIN_MS = 30_000;

export function createAuth(cfg: AuthConfig, deps: { clock: Clock; timeoutMs: number }): AuthProvider {
  switch (cfg.type) {
    case 'none':
      return { authorization: async () => ({ ok: true }) };
    case 'bearer':
      return { authorization: async () => ({ ok: true, value: `Bearer ${cfg.token}` }) };
    case 'oauth2-client-credentials':
      return clientCredentials(cfg, deps);
  }
}

/** RFC 6749 §4.4 client credentials, client authenticated with HTTP Basic (§2.3.1), token cached until near expiry. */
function clientCredentials(
  cfg: Extract<AuthConfig, { type: 'oauth2-client-credentials' }>,
  deps: { clock: Clock; timeoutMs: number },
): AuthProvider {
  let cached: { value: string; expiresAt: number } | undefined;
  return {
    async authorization(signal) {
      if (cached && deps.clock.now() < cached.expiresAt) return { ok: true, value: cached.value };
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        ...(cfg.scope ? { scope: cfg.scope } : {}),
      });
      const basic = Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString(
        'base64',
      );
      const r = await sendOnce(
        {
          method: 'POST',
          url: cfg.tokenUrl,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            authorization: `Basic ${basic}`,
          },
          body: form.toString(),
        },
        { timeoutMs: deps.timeoutMs, clock: deps.clock, signal, maxBodyBytes: 64 * 1024 },
      );
      if (!r.ok)
        return {
          ok: false,
          failure: { kind: 'auth', message: `token endpoint ${cfg.tokenUrl}: ${r.failure.message}` },
        };
      let token: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
      try {
        token = JSON.parse(r.response.body);
      } catch {
        token = {};
      }
      if (r.response.status !== 200 || typeof token.access_token !== 'string') {
        return {
          ok: false,
          failure: {
            kind: 'auth',
            message: `token endpoint ${cfg.tokenUrl} answered ${r.response.status} without an access_token`,
          },
        };
      }
      const lifetime = typeof token.expires_in === 'number' ? token.expires_in * 1000 : 3600_000;
      cached = {
        value: `Bearer ${token.access_token}`,
        expiresAt: deps.clock.now() + Math.max(0, lifetime - EXPIRY_MARGIN_MS),
      };
      return { ok: true, value: cached.value };
    },
  };
}
