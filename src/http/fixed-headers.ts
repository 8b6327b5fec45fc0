import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Runs a header-only middleware (helmet with fixed directives: no nonces, no
 * functions of the request) once at start and replays the headers it set with
 * one loop per request, rather than a dozen chained closures each time.
 * Throws at start if the middleware did anything but set or remove headers.
 */
export function fixedHeaders(middleware: Middleware): RequestHandler {
  const set: [string, string | string[]][] = [];
  const removed: string[] = [];
  let calledNext = false;
  const recorder = {
    setHeader: (name: string, value: number | string | readonly string[]) => {
      set.push([name, typeof value === 'number' ? String(value) : typeof value === 'string' ? value : [...value]]);
      return recorder;
    },
    removeHeader: (name: string) => removed.push(name),
    getHeader: () => undefined,
  };
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    calledNext = true;
  });
  if (!calledNext) throw new Error('fixedHeaders: the middleware did not finish synchronously');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
