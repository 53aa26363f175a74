import type { Rule } from '../../harness/rules';
import { ADDRESS } from './address';
import { CATALOG } from './catalog';
import { INVENTORY } from './inventory';
import { ISOLATION } from './isolation';
import { CANCEL, CHARGE, MODIFY, ORDER } from './order';
import { POAPD } from './poapd';
import { POQ } from './poq';
import { QUOTE } from './quote';
import { SITE } from './site';
import { INCIDENT, TICKET } from './trouble-ticket';
import { APPOINTMENT, WORK_ORDER } from './workforce';

export {
  ADDRESS,
  APPOINTMENT,
  CANCEL,
  CATALOG,
  CHARGE,
  INCIDENT,
  INVENTORY,
  ISOLATION,
  MODIFY,
  ORDER,
  POAPD,
  POQ,
  QUOTE,
  SITE,
  TICKET,
  WORK_ORDER,
};

/** Every rule of the Sonata seller suite, grouped by API as the reports show them. */
export const SONATA_SELLER_RULES: readonly Rule[] = [
  ADDRESS,
  SITE,
  POQ,
  QUOTE,
  ORDER,
  CANCEL,
  MODIFY,
  CHARGE,
  INVENTORY,
  TICKET,
  INCIDENT,
  APPOINTMENT,
  WORK_ORDER,
  CATALOG,
  POAPD,
  ISOLATION,
].flatMap((group) => Object.values(group) as Rule[]);
