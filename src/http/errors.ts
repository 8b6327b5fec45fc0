import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Lang, MessageKey, Params } from '../i18n/index.js';
import { fromAcceptLanguage, translate } from '../i18n/index.js';

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
  const known = [
    'not_found',
    'forbidden',
    'unauthorized',
    'bad_token',
    'csrf_failed',
    'rate_limited',
    'validation_failed',
    'stale_version',
    'conflict',
    'rule_violation',
    'internal',
    'payload_too_large',
    'bad_json',
  ];
  return (known.includes(code) ? `errors.${code}` : 'errors.internal') as MessageKey;
}

export const notFound = (): HttpError => new HttpError(404, 'not_found');
export const forbidden = (): HttpError => new HttpError(403, 'forbidden');

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound());

/**
 * Maps body-parser failures and anything unexpected onto HttpError. The
 * parsers' own messages name internals (and Express's default page would show
 * a stack), so only their type is kept.
 */
function normalise(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number } | null | undefined;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'bad_json');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new HttpError(413, 'payload_too_large');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpError(415, 'unsupported_charset', 'hardening.unsupportedCharset');
  }
  const status =
    typeof e?.status === 'number'
      ? e.status
      : typeof (e as { statusCode?: unknown } | undefined)?.statusCode === 'number'
        ? (e as { statusCode: number }).statusCode
        : 500;
  if (status === 415) return new HttpError(415, 'unsupported_media_type', 'hardening.unsupportedMediaType');
  if (status === 413) return new HttpError(413, 'payload_too_large');
  if (status === 400) return new HttpError(400, 'bad_request', 'hardening.badRequest');
  if (status > 400 && status < 500) return new HttpError(status, 'validation_failed');
  return new HttpError(500, 'internal');
}

/**
 * Sets what error.ejs and its partials need when the error came before the
 * request's own locals were set (body parsers, bearer tokens, bare routes).
 */
export type EarlyLocals = (req: Request, res: Response, lang: Lang) => void;

export function errorHandler(log: (msg: string, err: unknown) => void, earlyLocals?: EarlyLocals): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const httpError = normalise(err);
    if (httpError.status >= 500) log(`${req.method} ${redactPath(req.originalUrl)} failed`, err);
    if (res.headersSent) return;
    // Before the language middleware ran: the browser's choice, else Finnish.
    const lang: Lang = req.lang ?? fromAcceptLanguage(req.get('accept-language')) ?? 'fi';
    const message = translate(lang, httpError.messageKey, httpError.params);
    const body = { error: { code: httpError.code, message, details: httpError.details } };
    res.status(httpError.status);
    if (httpError.status === 401 || httpError.status === 403 || req.user) res.setHeader('Cache-Control', 'no-store');
    if (req.path.startsWith('/api/') || req.path.startsWith('/calendar/') || !req.accepts('html')) {
      res.json(body);
      return;
    }
    const plain = () => res.type('text/plain').send(message);
    res.format({
      html: () => {
        if (res.locals.t === undefined) earlyLocals?.(req, res, lang);
        if (res.locals.t === undefined) return plain();
        // Never Express's default page (a stack and paths in development): a
        // failed error page falls back to the plain message.
        res.render(
          'error',
          { title: translate(lang, 'errors.title'), status: httpError.status, message, details: httpError.details },
          (renderErr: Error | null, html?: string) => {
            if (renderErr) {
              log(`error page for ${req.method} ${redactPath(req.originalUrl)} failed`, renderErr);
              plain();
              return;
            }
            res.send(html);
          },
        );
      },
      json: () => res.json(body),
      default: plain,
    });
  };
}

/** Calendar URLs carry capability tokens: never write them to a log. */
export function redactPath(url: string): string {
  return url.replace(/\/calendar\/[^/?#]+/g, '/calendar/[redacted]');
}
