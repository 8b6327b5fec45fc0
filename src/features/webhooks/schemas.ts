import { z } from 'zod';
import { checkboxes } from '../../http/validation.js';
import { WEBHOOK_EVENTS } from './events.js';

/** Only http and https: no file:, no javascript:, no credentials in the address. */
export function isWebhookUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export const WebhookInput = z.object({
  url: z
    .string({ message: 'errors.fieldRequired' })
    .trim()
    .min(1, 'errors.fieldRequired')
    .max(2000, 'errors.fieldTooLong')
    .refine(isWebhookUrl, 'errors.fieldInvalid'),
  events: checkboxes(z.enum(WEBHOOK_EVENTS, { message: 'errors.fieldChoice' })).refine((v) => v.length > 0, 'errors.fieldRequired'),
  format: z.preprocess((v) => (v === undefined || v === '' ? 'json' : v), z.enum(['json', 'teams'], { message: 'errors.fieldChoice' })),
  language: z.preprocess((v) => (v === undefined || v === '' ? 'fi' : v), z.enum(['fi', 'sv', 'en'], { message: 'errors.fieldChoice' })),
});
export type WebhookInputData = z.output<typeof WebhookInput>;
