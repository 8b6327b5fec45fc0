import pino from 'pino';
import type { Logger } from '../log.js';
import { requestScope } from '../http/request-id.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Structured JSON logs, one object a line on stdout (pino), for the server.
 * Every line written while a request is answered carries its reqId. Messages
 * never contain secrets: URLs pass through redactPath (calendar tokens), and
 * the fields that could hold credentials are censored should one slip in.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const p = pino(
    {
      level,
      base: { service: 'vuoro' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { reqId: scope.id } : {};
      },
      redact: { paths: ['password', 'token', 'authorization', 'cookie', '*.password', '*.token', '*.authorization', '*.cookie'], censor: '[redacted]' },
    },
    destination,
  );
  return {
    info: (message, fields) => p.info(fields ?? {}, message),
    error: (message, err, fields) => p.error({ ...fields, ...(err === undefined ? {} : { err }) }, message),
  };
}
