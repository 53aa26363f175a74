import type { WireRequest } from './transport';

/** The environment variable a curl line reads the bearer token from: reports never contain the secret itself. */
export const CURL_TOKEN_VARIABLE = 'LSO_TOKEN';

/** Quotes for a POSIX shell: single quotes, with embedded single quotes closed, escaped and reopened. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command that sends the same request: method, URL, headers and body byte for byte. An Authorization header
 * is written as `Bearer $LSO_TOKEN` so the line can be pasted into a report and run by whoever holds the token.
 */
export function curlLine(req: WireRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method.toUpperCase(), shellQuote(req.url)];
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() === 'authorization') parts.push('-H', `"Authorization: Bearer \${${CURL_TOKEN_VARIABLE}}"`);
    else if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'host')
      parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (req.body !== undefined) parts.push('--data-raw', shellQuote(req.body));
  return parts.join(' ');
}
