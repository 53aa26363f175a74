/**
 * Turns a spec file name into the API's stable id part: `productOrderManagement.api.yaml` → `productOrder`,
 * `serviceCatalogApi.openapi.yaml` → `serviceCatalog`, `presto-nrp-rcp-only.yaml` → `nrpRpcOnly`.
 * The ids are part of the CLI and of every report, so the rule lives in one place and is tested.
 */
const SUFFIXES = ['.api.all-in-one.yaml', '.api.yaml', '.openapi.yaml', '.yaml'];

/** The SDK spells one Presto file `rcp` for `rpc`; the id uses the word the file means. */
const RENAMES: Record<string, string> = { 'presto-nrp-rcp-only': 'presto-nrp-rpc-only' };

export function apiNameFromFile(fileName: string): string {
  let base = fileName;
  for (const s of SUFFIXES) {
    if (base.endsWith(s)) {
      base = base.slice(0, -s.length);
      break;
    }
  }
  const allInOne = fileName.endsWith('.api.all-in-one.yaml');
  base = RENAMES[base] ?? base;
  base = base.replace(/^presto-/, '');
  base = base.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  // `streaming` alone would say less than the spec's own name, so streaming management keeps it.
  if (base !== 'streamingManagement') base = base.replace(/(Management|Api)$/, '');
  return allInOne ? `${base}AllInOne` : base;
}
