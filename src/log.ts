// The logger interface, apart from the context so that what the context builds (the mailer) can log without importing it.
/** Structured detail for a log line (the server logs JSON; see src/ops/logging.ts). */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, err?: unknown, fields?: LogFields): void;
}
export const consoleLogger: Logger = {
  info: (m, fields) => (fields ? console.log(m, fields) : console.log(m)),
  error: (m, err, fields) => (fields ? console.error(m, err, fields) : console.error(m, err)),
};
