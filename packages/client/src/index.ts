export type { Card, CardStatus, ErrorResponse, IssueCardsRequest, IssueCardsResponse, KnownCardStatus, paths } from "@finup/types";
export {
  createFinupClient,
  defaultBaseUrl,
  defaultMaxRetries,
  defaultTimeoutMs,
  type FinupClient,
  type FinupClientOptions,
  type RequestOptions,
} from "./client.js";
export {
  AuthenticationError,
  BadRequestError,
  FinupAbortError,
  FinupApiError,
  FinupConnectionError,
  FinupError,
  FinupTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
