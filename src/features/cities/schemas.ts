import { z } from 'zod';
import { checkbox, code, integer, text } from '../../http/validation.js';

/** #rrggbb, stored in lowercase as the schema's CHECK wants. */
export const colour = () =>
  z
    .string({ message: 'errors.fieldRequired' })
    .trim()
    .min(1, 'errors.fieldRequired')
    .regex(/^#[0-9a-fA-F]{6}$/, 'errors.fieldColour')
    .transform((s) => s.toLowerCase());

const version = () => integer(1, Number.MAX_SAFE_INTEGER);

export const CityInput = z.object({
  code: code(),
  nameFi: text(100),
  nameSv: text(100),
  nameEn: text(100),
  colour: colour(),
});
export type CityInput = z.output<typeof CityInput>;

/** The edit form: every field plus active and the version it read. */
export const CityUpdate = CityInput.extend({ active: checkbox(), version: version() });
export type CityUpdate = z.output<typeof CityUpdate>;

/** A PATCH: any subset of fields, with the version from If-Match or the body. */
export const CityPatch = CityInput.partial().extend({ active: z.boolean().optional() });

export const ActiveToggle = z.object({ active: checkbox(), version: version() });
