import type { Server } from 'node:http';

/**
 * Limits on slow clients. headersTimeout and requestTimeout bound a client
 * that trickles its request (slowloris); keepAliveTimeout is longer than the
 * 60 s idle timeout of common reverse proxies and load balancers (nginx,
 * AWS ALB), so the proxy, not vuoro, closes an idle connection and never
 * sends a request on a socket vuoro is just closing.
 */
export const SERVER_TIMEOUTS = { headersTimeout: 20_000, requestTimeout: 60_000, keepAliveTimeout: 65_000 } as const;

export function applyServerTimeouts(server: Server, timeouts = SERVER_TIMEOUTS): void {
  server.headersTimeout = timeouts.headersTimeout;
  server.requestTimeout = timeouts.requestTimeout;
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
}

export interface ShutdownOptions {
  /** Runs once every connection has ended: close the database, stop timers. */
  close: () => void;
  log: (message: string) => void;
  /** In-flight requests get this long; then their connections are cut. */
  graceMs?: number;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight
 * finish (idle keep-alive connections are closed at once, busy ones as soon
 * as their answer is sent), then close the database and exit 0.
 */
export function shutdownGracefully(server: Server, options: ShutdownOptions): (signal: string) => void {
  const { close, log, graceMs = 10_000, exit = (code: number) => process.exit(code) } = options;
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: no new connections; finishing requests in flight`);
    let finished = false;
    const finish = (cut: boolean) => {
      if (finished) return;
      finished = true;
      clearInterval(sweep);
      try {
        close();
      } finally {
        log(cut ? 'Stopped (connections still busy after the grace period were cut)' : 'Stopped');
        exit(0);
      }
    };
    server.close(() => finish(false));
    // Connections that finish their request become idle: close them as they do.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    setTimeout(() => {
      server.closeAllConnections();
      finish(true);
    }, graceMs).unref();
  };
}
