import { z } from 'zod';
import { optionalText, text } from '../../http/validation.js';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The statement's feedback form: only the message is required, an address only if the sender wants an answer. */
export const FeedbackForm = z.object({
  message: text(4000),
  email: z.preprocess(emptyToUndefined, z.string().trim().max(254, 'errors.fieldTooLong').email('errors.fieldEmail').optional()),
  page: optionalText(500),
});
export type FeedbackInput = z.output<typeof FeedbackForm>;
