import nodemailer from 'nodemailer';
import type { AppConfig } from '../../config.js';
import type { Logger } from '../../log.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Sent as Content-Language, so mail clients pick the right spelling and voice. */
  language: string;
  /** Stable across retries, so a receiver can drop a repeated delivery (at-least-once). */
  idempotencyKey?: string;
  /** An iTIP part (RFC 6047): sent as text/calendar; method=… beside the text. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Sends one plain-text email; rejects when it could not be handed over. */
export interface Mailer {
  /** 'smtp' really sends; 'log' only writes a line (no SMTP_URL configured). */
  readonly kind: 'smtp' | 'log';
  send(mail: OutgoingMail): Promise<void>;
}

/** Hides most of an address: logs are read by more people than the inbox. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** The domain of a From address ("vuoro <noreply@city.fi>" → city.fi), for Message-IDs. */
export function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m?.[1] ?? 'vuoro.invalid';
}

/** The bare address of a From header value: "vuoro <noreply@city.fi>" → noreply@city.fi. */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m?.[1] ?? from).trim();
}

/** Without SMTP_URL: one log line per message; no body, no full address. */
export function logMailer(log: Logger): Mailer {
  return {
    kind: 'log',
    send: (mail) => {
      log.info(`mail not sent (no SMTP_URL): to=${maskAddress(mail.to)} subject=${JSON.stringify(mail.subject)}`);
      return Promise.resolve();
    },
  };
}

/** A nodemailer SMTP transport from a URL such as smtp://user:pass@host:587 or smtps://host. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Short timeouts: a hung server must not hold sockets for nodemailer's default
  // minutes. Options in the URL's query (e.g. ?socketTimeout=) still win.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    send: async (mail) => {
      const key = mail.idempotencyKey;
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated', ...(key ? { 'X-Vuoro-Idempotency-Key': key } : {}) },
        ...(key ? { messageId: `<${key}@${domainOf(from)}>` } : {}),
        ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content } } : {}),
      });
    },
  };
}

export function createMailer(config: AppConfig, log: Logger): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : logMailer(log);
}
