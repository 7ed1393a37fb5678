/**
 * Every failure that crosses the IPC boundary has one of these codes, a message written for
 * the creator, and (for bad input) the list of what was wrong. Never a stack trace.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'invalid_time',
  'vault_unavailable',
  /** A pre-flight gate refused the post: over a platform's limit, a blank left, media missing… */
  'gate_failed',
  /** A target cannot move from its state to the one asked for (e.g. a published post back to draft). */
  'illegal_transition',
  'unauthorized',
  /** The local API token's scope does not cover the channel, or an agent asked for what only the creator may do. */
  'forbidden',
  'internal',
  // Connecting an account: each says what the creator can do about it.
  /** The platform refused the handle or password (401 from its session or token endpoint). */
  'bad_credentials',
  /** The server could not be reached: address not found, connection refused, no answer. */
  'unreachable',
  /** The platform refused the developer app: client id/secret, redirect URL, scopes, approval. */
  'rejected_by_platform',
  /** The creator closed the sign-in or declined consent. */
  'cancelled',
  /** Nobody finished signing in in time. */
  'timed_out',
  /** The loopback port for the sign-in redirect is taken by another program. */
  'port_in_use',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface InputIssue {
  path: (string | number)[];
  message: string;
}

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
  issues?: InputIssue[];
  /** The platform's or library's own words, shown under "details". */
  details?: string;
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: InputIssue[];
  readonly details?: string;

  constructor(code: ErrorCode, message: string, extra: { issues?: InputIssue[]; details?: string } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (extra.issues) this.issues = extra.issues;
    if (extra.details) this.details = extra.details;
  }

  toBody(): RpcErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromBody(body: RpcErrorBody): AppError {
    return new AppError(body.code, body.message, { issues: body.issues, details: body.details });
  }
}

/** HTTP status for browser mode; Electron IPC carries the body alone. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_time: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gate_failed: 422,
  illegal_transition: 409,
  vault_unavailable: 503,
  internal: 500,
  // Not 401: browser mode's 401 means "the local API token is wrong".
  bad_credentials: 422,
  unreachable: 502,
  rejected_by_platform: 422,
  cancelled: 409,
  timed_out: 504,
  port_in_use: 409,
};
