/** A rule with its requirements looked up in the SDK's guides, as reports show them. */
export interface RuleInfo {
  id: string;
  title: string;
  api: string;
  requirements: RequirementRef[];
  /** Sources outside the MEF guides (RFC sections, YANG statements) for rules of APIs no guide governs. */
  sources?: string[];
}

export interface RequirementRef {
  key: string;
  guide: string;
  id: string;
  level: string;
  section: string;
  text: string;
}
