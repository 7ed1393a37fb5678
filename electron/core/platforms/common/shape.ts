/**
 * A platform's answer checked against the shape the code after it relies on, before any field is
 * read: a server that answers 200 with something else (a proxy's HTML, a changed API, a hostile
 * server) becomes a PlatformError that says so, never a TypeError deep in a client.
 */
import { z } from 'zod';
import { PlatformError } from '../types';
import { detailsOf } from './http';

export function shaped<S extends z.ZodType>(schema: S, body: unknown, status: number, platformName: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new PlatformError(`${platformName} answered in a form Loomcast does not understand; try again later.`, detailsOf(status, body), status);
}

const optionalNumber = z.number().finite().nonnegative().optional().catch(undefined);
const optionalString = z.string().min(1).optional().catch(undefined);

/**
 * An OAuth token answer (RFC 6749 §5.1) as the clients use it: the access token must be a
 * non-empty string (a number or an object would be saved as the sign-in); an optional field of
 * the wrong type is dropped, as if the platform had not sent it.
 */
export const OAuthToken = z.object({
  access_token: z.string().min(1),
  refresh_token: optionalString,
  expires_in: optionalNumber,
  refresh_token_expires_in: optionalNumber,
  refresh_expires_in: optionalNumber,
  open_id: optionalString,
  scope: optionalString,
  token_type: optionalString,
});
