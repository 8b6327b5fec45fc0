import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Echoed as X-Request-Id and carried by every log line written while answering. */
      requestId: string;
    }
  }
}

/** The request being answered, for log lines written deep in rules (see src/ops/logging.ts). */
export const requestScope = new AsyncLocalStorage<{ id: string }>();

// A proxy's id (nginx $request_id) is kept so its access log and ours join up;
// anything else is replaced, so a client cannot put arbitrary text in our logs.
const SAFE_ID = /^[A-Za-z0-9._:-]{8,100}$/;

export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && SAFE_ID.test(given) ? given : randomUUID();
    req.requestId = id;
    res.setHeader('X-Request-Id', id);
    requestScope.run({ id }, next);
  };
}
