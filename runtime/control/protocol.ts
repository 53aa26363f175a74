/**
 * The control protocol every lso actor speaks besides its MEF API, and every suite that drives one: where it is
 * mounted, and the request headers a client may send to the actor's own API to choose what happens to it.
 */
export const CONTROL_PREFIX = '/_lso';

/** Chooses the outcome of what the request creates (an order that is rejected, a POQ with no answer). */
export const OUTCOME_HEADER = 'x-lso-outcome';

/** Injects an HTTP failure into this one request (`500`, `503`…). */
export const FAULT_HEADER = 'x-lso-fault';

/** Set on a reply the actor's own self-check found breaking the contract. */
export const SELF_CHECK_HEADER = 'x-lso-self-check';
