import { API } from '../support/apis';
import { rule } from './define';

const A = API.address;

/** Address Management (MEF 121). */
export const ADDRESS = {
  validationContract: rule(
    'sonata.address.validation.contract',
    A,
    'POST /geographicAddressValidation answers 200 with the validation as the contract says',
    ['MEF121 R10', 'MEF121 R6'],
  ),
  validationEcho: rule('sonata.address.validation.echo', A, 'The validation returns the submitted address unchanged', [
    'MEF121 R15',
  ]),
  sameType: rule(
    'sonata.address.validation.same-type',
    A,
    'The best match has the address type of the submitted address',
    ['MEF121 R16', 'MEF121 R8'],
  ),
  noMatch: rule(
    'sonata.address.validation.no-match',
    A,
    'An address that matches nothing gives 200 with no best match and no alternates',
    ['MEF121 R18'],
  ),
  retrieve: rule(
    'sonata.address.retrieve',
    A,
    'GET /geographicAddress/{id} of a validated address returns it, same id',
    ['MEF121 R10', 'MEF121 R21'],
  ),
  retrieveUnknown: rule(
    'sonata.address.retrieve.unknown-id',
    A,
    'GET /geographicAddress/{id} of an unknown id answers 404',
    ['MEF121 R20'],
  ),
};
