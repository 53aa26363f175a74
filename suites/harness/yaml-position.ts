import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

/** A parsed YAML document that can say on which line a value (or a map key) sits. */
export interface PositionedYaml {
  value: unknown;
  /** 1-based line of the value at `path`, or of the nearest ancestor that exists. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
  /** 1-based line of the key `key` in the map at `path`. */
  lineOfKey(path: ReadonlyArray<string | number>, key: string): number | undefined;
}

export type YamlParse = { ok: true; doc: PositionedYaml } | { ok: false; line?: number; message: string };

/** Parses YAML keeping positions; the first syntax error comes back as one line with its line number. */
export function parseYamlWithPositions(text: string): YamlParse {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    // yaml appends a code frame after the first line; the report is one line.
    return {
      ok: false,
      line: e.linePos?.[0]?.line,
      message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    };
  }
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : counter.linePos(offset).line);
  const nodeAt = (path: ReadonlyArray<string | number>) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range))
        return node as { range: number[] };
    }
    return undefined;
  };
  return {
    ok: true,
    doc: {
      value: doc.toJS(),
      lineOf: (path) => lineAt(nodeAt(path)?.range[0]),
      lineOfKey(path, key) {
        const map = path.length ? doc.getIn(path, true) : doc.contents;
        if (isMap(map)) {
          const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
          const k = pair?.key as { range?: number[] } | undefined;
          if (k?.range) return lineAt(k.range[0]);
        }
        return this.lineOf(path);
      },
    },
  };
}
