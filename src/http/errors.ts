import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { MessageKey, Params } from '../i18n/index.js';
import { translate } from '../i18n/index.js';

export interface ErrorDetail {
  field?: string;
  code?: string;
  message: string;
  [extra: string]: unknown;
}

/** The one error type routes and rules throw; the error middleware renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey = defaultKey(code),
    readonly details: ErrorDetail[] = [],
    readonly params?: Params,
  ) {
    super(code);
  }
}

function defaultKey(code: string): MessageKey {
  const known = ['not_found', 'forbidden', 'unauthorized', 'bad_token', 'csrf_failed', 'rate_limited', 'validation_failed',
    'stale_version', 'conflict', 'rule_violation', 'internal', 'payload_too_large', 'bad_json'];
  return (known.includes(code) ? `errors.${code}` : 'errors.internal') as MessageKey;
}

export const notFound = (): HttpError => new HttpError(404, 'not_found');
export const forbidden = (): HttpError => new HttpError(403, 'forbidden');

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/** Maps body-parser failures and anything unexpected onto HttpError. */
function normalise(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'bad_json');
  if (e?.type === 'entity.too.large') return new HttpError(413, 'payload_too_large');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'validation_failed');
  return new HttpError(500, 'internal');
}

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const httpError = normalise(err);
    if (httpError.status >= 500) log(`${req.method} ${redactPath(req.originalUrl)} failed`, err);
    if (res.headersSent) return;
    const lang = req.lang ?? 'en';
    const message = translate(lang, httpError.messageKey, httpError.params);
    const body = { error: { code: httpError.code, message, details: httpError.details } };
    res.status(httpError.status);
    if (req.path.startsWith('/api/') || req.path.startsWith('/calendar/') || !req.accepts('html')) {
      res.json(body);
      return;
    }
    res.format({
      html: () => res.render('error', { title: translate(lang, 'errors.title'), status: httpError.status, message, details: httpError.details }),
      json: () => res.json(body),
      default: () => res.type('text/plain').send(message),
    });
  };
}

/** Calendar URLs carry capability tokens: never write them to a log. */
export function redactPath(url: string): string {
  return url.replace(/\/calendar\/[^/?#]+/g, '/calendar/[redacted]');
}
