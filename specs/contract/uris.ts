/**
 * Schemas are registered in ajv under a synthetic hierarchical URI per SDK file, so that the product schemas'
 * relative file `$ref`s (`../common/x.yaml#/definitions/Y`) resolve by file, not against their URN `$id`
 * (mef-contracts.md §2.9). The prefix is fixed, so no machine path ever reaches a report.
 */
export const SDK_URI_PREFIX = 'file:///mef-sdk/';

export function uriOf(relFile: string): string {
  return SDK_URI_PREFIX + relFile.split('/').map(encodeURIComponent).join('/');
}

/** `file:///mef-sdk/sonata/x.yaml#/a` → `sonata/x.yaml#/a`, for citations in reports. */
export function citationOf(uri: string): string {
  if (!uri.startsWith(SDK_URI_PREFIX)) return uri;
  const [file, frag] = uri.slice(SDK_URI_PREFIX.length).split('#');
  const rel = file.split('/').map(decodeURIComponent).join('/');
  return frag === undefined ? rel : `${rel}#${frag}`;
}

export function resolveRef(ref: string, baseUri: string): string {
  return new URL(ref, baseUri).href;
}

export function escapeToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
