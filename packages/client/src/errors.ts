import type { ErrorResponse } from "@finup/types";

/** The base class of everything the client throws. */
export class FinupError extends Error {
  override name = "FinupError";
}

/** The server answered with an error status. */
export class FinupApiError extends FinupError {
  override name = "FinupApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The parsed JSON body, or the raw text when it is not JSON (an HTML error page, an empty body). */
  readonly body: ErrorResponse | string;
  /** The response headers. */
  readonly headers: Headers;
  /** The request id the server sent (`x-request-id` header or `request_id` in the body), if any. */
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorResponse | string, headers: Headers, message?: string) {
    super(message ?? describe(status, body));
    this.status = status;
    this.body = body;
    this.headers = headers;
    const fromBody = typeof body === "object" && body !== null && typeof body.request_id === "string" ? body.request_id : undefined;
    this.requestId = headers.get("x-request-id") ?? headers.get("request-id") ?? fromBody;
  }

  /** Builds the subclass that matches the status. */
  static from(status: number, body: ErrorResponse | string, headers: Headers, message?: string): FinupApiError {
    const Class = byStatus[status] ?? (status >= 500 ? InternalServerError : FinupApiError);
    return new Class(status, body, headers, message);
  }
}

export class BadRequestError extends FinupApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends FinupApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends FinupApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends FinupApiError {
  override name = "NotFoundError";
}
export class UnprocessableEntityError extends FinupApiError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends FinupApiError {
  override name = "RateLimitError";
  /** Seconds to wait before trying again, from `Retry-After`, when the server sent it. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ErrorResponse | string, headers: Headers, message?: string) {
    super(status, body, headers, message);
    const ms = retryAfterMs(headers);
    this.retryAfter = ms === undefined ? undefined : ms / 1000;
  }
}
/** Any 5xx. The request may or may not have been processed. */
export class InternalServerError extends FinupApiError {
  override name = "InternalServerError";
}

/** The request failed in transport: no HTTP response arrived. */
export class FinupConnectionError extends FinupError {
  override name = "FinupConnectionError";
}
/** No response arrived within the timeout. The request may have been processed. */
export class FinupTimeoutError extends FinupConnectionError {
  override name = "FinupTimeoutError";
}
/** The caller's `AbortSignal` aborted the request. */
export class FinupAbortError extends FinupError {
  override name = "FinupAbortError";
}

const byStatus: Record<number, typeof FinupApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function describe(status: number, body: ErrorResponse | string): string {
  let detail: string | undefined;
  if (typeof body === "string") detail = body.trim() && !body.trimStart().startsWith("<") ? body.trim().slice(0, 200) : undefined;
  else if (Array.isArray(body.message)) detail = body.message.join("; ");
  else detail = body.message ?? body.error;
  return detail ? `${status} ${detail}` : `${status} status code (no message in the body)`;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
