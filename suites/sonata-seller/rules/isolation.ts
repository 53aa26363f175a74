import { API } from '../support/apis';
import { rule } from './define';

/** Two Buyers through one Seller (MEF 79 §8.8 as restated in every guide): each sees only its own. */
export const ISOLATION = {
  retrieve: rule('sonata.isolation.order.retrieve', API.order, "A Buyer cannot read another Buyer's order (404)", [
    'MEF123 R2',
    'MEF123 R18',
  ]),
  list: rule('sonata.isolation.order.list', API.order, "A Buyer's order list does not show another Buyer's orders", [
    'MEF123 R2',
    'MEF123 R59',
  ]),
  notifications: rule(
    'sonata.isolation.notifications',
    API.order,
    "A Buyer's hub receives no event about another Buyer's order",
    ['MEF123 R104', 'MEF123 R6'],
  ),
  quote: rule(
    'sonata.isolation.quote',
    API.quote,
    "A Buyer cannot cancel or read another Buyer's quote (404, or 422 referenceNotFound)",
    ['MEF115 R1', 'MEF115 R53'],
  ),
  incident: rule(
    'sonata.isolation.incident',
    API.ticket,
    "A Buyer's hub receives no incident event about another Buyer's product",
    ['MEF124 R71', 'MEF124 R60'],
  ),
  ticket: rule('sonata.isolation.ticket', API.ticket, "A Buyer cannot read another Buyer's trouble ticket (404)", [
    'MEF124 R3',
    'MEF124 R25',
  ]),
};
