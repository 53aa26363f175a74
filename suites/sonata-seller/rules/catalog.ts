import { API } from '../support/apis';
import { listRules, prefixed, rule } from './define';

const A = API.catalog;

/** Product Catalog (MEF W142): read-only. */
export const CATALOG = {
  categoryTree: rule(
    'sonata.catalog.category.tree',
    A,
    'parentCategory and subCategory agree both ways across the category list',
    ['MEFW142 R10', 'MEFW142 R11', 'MEFW142 R12'],
  ),
  categoryRetrieve: rule(
    'sonata.catalog.category.retrieve',
    A,
    'GET /category/{id} returns the category as the contract says; an unknown id is 404',
    ['MEFW142 R17', 'MEFW142 R8'],
  ),
  offeringRetrieve: rule(
    'sonata.catalog.offering.retrieve',
    A,
    'GET /productOffering/{id} returns the offering as the contract says; an unknown id is 404',
    ['MEFW142 R61', 'MEFW142 R62'],
  ),
  offeringStatus: rule(
    'sonata.catalog.offering.lifecycle-status',
    A,
    'Every offering is in a state of the offering lifecycle',
    ['MEFW142 R51'],
  ),
  offeringTerms: rule(
    'sonata.catalog.offering.terms',
    A,
    'Offering terms with endOfTermAction roll have a rollInterval; regions name a country',
    ['MEFW142 R24', 'MEFW142 R25', 'MEFW142 R26'],
  ),
  specificationRetrieve: rule(
    'sonata.catalog.specification.retrieve',
    A,
    'GET /productSpecification/{id} returns the specification with exactly one sourceSchema form; an unknown id is 404',
    ['MEFW142 R81', 'MEFW142 R82', 'MEFW142 R85'],
  ),
  specificationStatus: rule(
    'sonata.catalog.specification.lifecycle-status',
    A,
    'Every specification is in a state of the specification lifecycle',
    ['MEFW142 R74'],
  ),
  ...prefixed(
    'categoryList',
    listRules('sonata.catalog.category', A, '/category', {
      contract: ['MEFW142 R14'],
      pagination: ['MEFW142 R7'],
      filters: ['MEFW142 O3'],
      empty: ['MEFW142 R15'],
    }),
  ),
  ...prefixed(
    'offeringList',
    listRules('sonata.catalog.offering', A, '/productOffering', {
      contract: ['MEFW142 R55'],
      pagination: ['MEFW142 R7'],
      filters: ['MEFW142 O5', 'MEFW142 R53', 'MEFW142 R54', 'MEFW142 R56', 'MEFW142 R57', 'MEFW142 R58'],
      empty: ['MEFW142 R59'],
    }),
  ),
  ...prefixed(
    'specificationList',
    listRules('sonata.catalog.specification', A, '/productSpecification', {
      contract: ['MEFW142 R78'],
      pagination: ['MEFW142 R7'],
      filters: ['MEFW142 O7'],
      empty: ['MEFW142 R79'],
    }),
  ),
  hubRegister: rule(
    'sonata.catalog.hub.register',
    A,
    'POST /hub answers 201 with the EventSubscription, or 501 if catalog notifications are not supported',
    ['MEFW142 R87', 'MEFW142 R88'],
  ),
  hubUnregister: rule(
    'sonata.catalog.hub.unregister',
    A,
    'DELETE /hub/{id} answers 204 with an empty body; the registration is gone',
    ['MEFW142 R89', 'MEFW142 R90'],
  ),
};
