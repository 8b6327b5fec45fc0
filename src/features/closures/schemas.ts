import { z } from 'zod';
import { integer, isoDate, text } from '../../http/validation.js';

/** A closed day an admin adds: one date and its name in the three UI languages. */
export const ClosureInput = z.object({
  date: isoDate(),
  nameFi: text(100),
  nameSv: text(100),
  nameEn: text(100),
});
export type ClosureInput = z.output<typeof ClosureInput>;

export const ClosureRange = z.object({ from: isoDate(), to: isoDate() });

export const YearQuery = z.object({ year: integer(1990, 2100).optional() });
