/**
 * The entities an actor keeps, as data: which API serves each, under which path, and which state machine moves it.
 * Where the state and its history live in the entity is the machine's own data (specs/state-machines). Items are
 * entities nested in a parent's list, with their own machine and the attribute that names them in events.
 */
export interface KindInfo {
  kind: string;
  apiId: string;
  /** Collection path relative to the API base path; the resource is `<path>/<id>`. */
  path: string;
  /** The state machine that moves it (specs/state-machines), which also says where its state and history live. */
  machine?: string;
}

export interface ItemKindInfo {
  kind: string;
  parent: string;
  machine: string;
  /** The parent's list of items. */
  listField: string;
  /** The event payload attribute naming the item (MEF 123 R106, MEF 115 R57). */
  eventKey?: string;
}

export interface KindTable {
  entities: Readonly<Record<string, KindInfo>>;
  items: Readonly<Record<string, ItemKindInfo>>;
}

export function kindInfo(table: KindTable, kind: string): KindInfo | undefined {
  return Object.hasOwn(table.entities, kind) ? table.entities[kind] : undefined;
}

export function itemKindOf(table: KindTable, parent: string): ItemKindInfo | undefined {
  return Object.values(table.items).find((i) => i.parent === parent);
}
