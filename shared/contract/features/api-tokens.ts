/** Channels and events of scoped API tokens (Settings → Agents and scripts); merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant } from '../schemas';

/** What a token may do: read only; read and make drafts (and send them to review); or everything but managing Loomcast itself. */
export const TOKEN_SCOPES = ['read', 'drafts', 'full'] as const;
export const TokenScope = z.enum(TOKEN_SCOPES, { message: 'Pick what the token may do: read, drafts or full' });
export type TokenScopeName = z.infer<typeof TokenScope>;

/** The start of every token's secret, so a leaked one is recognisable (e.g. by secret scanners). */
export const TOKEN_PREFIX = 'lct_';

/** A token as listed: never its secret, which Loomcast does not keep. */
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  scope: TokenScope,
  createdAt: IsoInstant,
  lastUsedAt: IsoInstant.nullable(),
  revokedAt: IsoInstant.nullable(),
});
export type ApiTokenDto = z.infer<typeof ApiToken>;

const TokenName = z
  .string({ message: 'Give the token a name' })
  .trim()
  .min(1, 'Give the token a name, e.g. the script or agent that will use it')
  .max(80, 'Keep the name under 80 characters')
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'The name cannot contain control characters' });

export const apiTokensChannels = {
  /** Every token, the newest first, revoked ones included (marked). */
  'apiTokens:list': { input: z.strictObject({}).optional(), output: z.array(ApiToken) },
  /** Makes a token; its secret is in this answer only, never shown again. */
  'apiTokens:create': {
    input: z.strictObject({ name: TokenName, scope: TokenScope }),
    output: z.object({ token: ApiToken, secret: z.string().startsWith(TOKEN_PREFIX) }),
  },
  /** Stops a token working at once; it stays in the list as revoked. */
  'apiTokens:revoke': { input: z.strictObject({ id: Id }), output: ApiToken },
} as const;

export const apiTokensEvents = {
  /** A token was made or revoked: Settings refreshes its list. */
  'apiTokens:changed': z.object({ ids: z.array(Id) }),
} as const;
