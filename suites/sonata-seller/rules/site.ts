import { API } from '../support/apis';
import { listRules, prefixed, rule } from './define';

const A = API.site;

/** Site Management (MEF 122). GET /geographicSite has no offset/limit (an SDK gap), so no paging rule. */
export const SITE = {
  content: rule('sonata.site.list.content', A, 'Every site returned has an id and at least one place', [
    'MEF122 R13',
    'MEF122 R14',
  ]),
  retrieve: rule(
    'sonata.site.retrieve',
    A,
    'GET /geographicSite/{id} of a listed site returns it as the contract says',
    ['MEF122 R9'],
  ),
  retrieveUnknown: rule('sonata.site.retrieve.unknown-id', A, 'GET /geographicSite/{id} of an unknown id answers 404', [
    'MEF122 R15',
  ]),
  ...prefixed(
    'list',
    listRules('sonata.site', A, '/geographicSite', {
      contract: ['MEF122 R9', 'MEF122 R6'],
      filters: ['MEF122 R10'],
      empty: ['MEF122 R11'],
    }),
  ),
};
