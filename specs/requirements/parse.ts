/**
 * Reads the numbered requirements (`**[R45]**`, `**[CR1]<[O1]**`, …) out of one MEF Developer Guide.
 *
 * A requirement starts on a line that opens with its bold label (optionally as a list item or after `_Repeated:_`) and
 * runs to the next blank line, heading or requirement; its section is the nearest heading above it. This is the rule
 * the reference extraction (mef-contracts.md, Appendix A item 6) used, so the two agree on which ids exist.
 */

export type RequirementLevel = 'mandatory' | 'desirable' | 'optional' | 'conditional';

export interface Requirement {
  /** Guide key, e.g. `MEF123`. */
  guide: string;
  /** `R45`, `CR1`, `O3`… as numbered in the guide. */
  id: string;
  /** `${guide} ${id}`: how checks cite it. */
  key: string;
  level: RequirementLevel;
  /** The optional requirement a conditional one depends on: `O1` for `[CR1]<[O1]`. */
  conditionalOn?: string;
  section: string;
  /** The requirement paragraph, label and bold markers removed, whitespace collapsed. */
  text: string;
  /** 1-based line of the label in the guide. */
  line: number;
  /** Other places the guide restates the same id (`_Repeated:_` entries), in document order. */
  repeatedIn?: Array<{ section: string; line: number }>;
}

const LEVELS: Record<string, RequirementLevel> = {
  R: 'mandatory',
  D: 'desirable',
  O: 'optional',
  CR: 'conditional',
  CD: 'conditional',
  CO: 'conditional',
};

/** Whether a line opens a requirement: the reference extraction's pattern, unchanged. */
const START = /^\s*(-\s*)?(_Repeated:_\s*)?\*\*\[(CR|CD|CO|R|O|D)\d+\]/;

/**
 * The whole label. The guides spell it several ways, all of which must give the same id and condition:
 * `**[CR1]<[O1]**`, `**[CR1] < [O3]**`, `**[CR4]**<[O4]`, `**[CR1]<([O1])**`, and typos such as `**[R11]]**` or
 * `**[CR2]<([O1]])**`.
 */
const LABEL = new RegExp(
  String.raw`^\s*(?:-\s*)?(?:_Repeated:_\s*)?` + // list item or restatement
    String.raw`\*\*\[(?<id>(?:CR|CD|CO|R|O|D)\d+)\]+` + // the id; `]+` absorbs the `[R11]]` typo
    String.raw`(?:\s*<\s*\(?\[(?<on1>[A-Z]+\d+)\]+\)?)?\s*\*\*` + // a condition inside the bold…
    String.raw`(?:\s*<\s*\[(?<on2>[A-Z]+\d+)\])?\s*`, // …or after it
);

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
const BLANK = /^\s*$/;

/** A requirement's paragraph stops at a blank line or at the next requirement, heading or code block. */
function endsParagraph(line: string): boolean {
  return BLANK.test(line) || START.test(line) || HEADING.test(line) || FENCE.test(line);
}

function levelOf(id: string): RequirementLevel {
  return LEVELS[id.replace(/\d+$/, '')];
}

/** Heading text as the reference TSV gives it: no HTML comments or `{#anchor}` suffixes. */
function headingText(raw: string): string {
  return raw
    .replace(/<!--.*?-->/g, '')
    .replace(/\s*\{#[^}]*\}\s*$/, '')
    .trim();
}

function cleanText(lines: string[]): string {
  return lines.join(' ').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

export function parseGuide(markdown: string, guideKey: string): Requirement[] {
  const lines = markdown.split(/\r?\n/);
  const byId = new Map<string, Requirement>();
  let section = '';
  let inFence = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    // JSON examples and YAML snippets can hold `#` lines; they are not headings.
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      section = headingText(heading[1]);
      continue;
    }
    if (!START.test(line)) continue;

    const label = LABEL.exec(line);
    // START matched, so a label exists; a spelling LABEL does not know still yields the id, with the text unstripped.
    const id = label?.groups?.id ?? /\[((?:CR|CD|CO|R|O|D)\d+)\]/.exec(line)![1];
    const first = label ? line.slice(label[0].length) : line;
    const body = [first];
    let j = i + 1;
    while (j < lines.length && !endsParagraph(lines[j])) {
      body.push(lines[j]);
      j++;
    }

    const existing = byId.get(id);
    if (existing) {
      // `_Repeated:_` restates a requirement in the data-model chapter; one entry per id, remembering where else.
      (existing.repeatedIn ??= []).push({ section, line: i + 1 });
    } else {
      const level = levelOf(id);
      const on = label?.groups?.on1 ?? label?.groups?.on2;
      byId.set(id, {
        guide: guideKey,
        id,
        key: `${guideKey} ${id}`,
        level,
        ...(level === 'conditional' && on ? { conditionalOn: on } : {}),
        section,
        text: cleanText(body),
        line: i + 1,
      });
    }
    i = j - 1;
  }
  return [...byId.values()];
}
