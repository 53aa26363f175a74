/** One libyang error, as yanglint printed it: the data (or schema) path it names, and its message. */
export interface YangViolation {
  /** libyang's data location, e.g. `/tapi-connectivity:create-connectivity-service/end-point[1]/direction`; a schema location when libyang gives no data location; `''` when it names neither. */
  path: string;
  /** libyang's message, without the location and the final period. */
  message: string;
}

export interface YangVerdict {
  valid: boolean;
  /** In libyang's order. libyang 2.1.30 stops at the first error, so an invalid body has one. */
  violations: YangViolation[];
}

/**
 * Reads yanglint's stderr into violations. It prints libyang errors as `libyang err : MSG (LOCATION)` in one-shot
 * mode and `libyang[0]: MSG (path: LOCATION)` in interactive mode; LOCATION is `Data location "P"`, `Schema
 * location "P"` and/or `line number N`. `YANGLINT[E]:` lines are yanglint's own summary ("Failed to parse input
 * data file …") and count only when no libyang error came before them. Warnings are ignored.
 */
export function parseYanglintErrors(stderr: string): YangViolation[] {
  const libyang: YangViolation[] = [];
  const tool: YangViolation[] = [];
  for (const line of stderr.split('\n')) {
    const ly = /^libyang(?:\[0\]| err ?): (.*)$/.exec(line);
    if (ly) {
      libyang.push(splitLocation(ly[1]));
      continue;
    }
    const yl = /^YANGLINT\[E\]: (.*)$/.exec(line);
    if (yl) tool.push({ path: '', message: yl[1].replace(/\.$/, '') });
  }
  return libyang.length ? libyang : tool;
}

function splitLocation(text: string): YangViolation {
  const m = /^(.*?)\.? \((?:path: )?((?:Data location|Schema location|Line number|line number)[^()]*)\)\.?$/.exec(text);
  if (!m) return { path: '', message: text.replace(/\.$/, '') };
  const loc = /Data location "([^"]*)"/.exec(m[2]) ?? /Schema location "([^"]*)"/.exec(m[2]);
  return { path: loc ? loc[1] : '', message: m[1] };
}
