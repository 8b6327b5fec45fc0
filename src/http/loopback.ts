import type { Request, RequestHandler } from 'express';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * A caller on this host talking to us directly: the socket's peer is a
 * loopback address and no proxy header is present. The socket address is
 * used, not req.ip, and a forwarded request never counts: a reverse proxy on
 * the same host also connects from 127.0.0.1, yet relays the whole internet.
 */
export function isDirectLoopback(req: Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  if (!LOOPBACK.test(peer)) return false;
  return !req.get('x-forwarded-for') && !req.get('forwarded') && !req.get('x-real-ip');
}

/** Lets direct loopback callers past `guard`; everyone else must pass it. */
export function loopbackOr(guard: RequestHandler): RequestHandler {
  return (req, res, next) => (isDirectLoopback(req) ? next() : guard(req, res, next));
}
