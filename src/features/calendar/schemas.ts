import { z } from 'zod';
import { id } from '../../http/validation.js';
import { LANGUAGES } from '../../i18n/index.js';
import { FEED_SCOPES } from './repository.js';

/** POST /api/v1/calendar-tokens; the feed speaks Finnish unless told otherwise. */
export const CreateTokenBody = z.object({
  scope: z.enum(FEED_SCOPES),
  id: id(),
  language: z.enum(LANGUAGES).default('fi'),
});

/** The page's form: one choice "scope:id" from the list it offered. */
export const CreateFeedForm = z.object({
  target: z
    .string({ message: 'errors.fieldChoice' })
    .trim()
    .regex(/^(adviser|city|service):[1-9]\d{0,14}$/, 'errors.fieldChoice')
    .transform((v) => {
      const [scope, n] = v.split(':') as [(typeof FEED_SCOPES)[number], string];
      return { scope, id: Number(n) };
    }),
  language: z.enum(LANGUAGES, { message: 'errors.fieldChoice' }),
});

export const TokenIdParams = z.object({ id: id() });
