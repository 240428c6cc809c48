/** French names of the request's fields, from the dictionary the caseworkers' screens use too. */
export { requestFieldLabel as fieldLabel } from '@guichet/contracts';
