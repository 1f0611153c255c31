// Response schemas for the error statuses a route answers with: each is the one error body.
import { Type, type TSchema } from 'typebox';

const ErrorRef = Type.Ref('ErrorResponse');

/** `{ 400: ErrorResponse, 404: ErrorResponse, … }` for a route's `schema.response`. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorRef]));
}
