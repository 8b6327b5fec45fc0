import { z } from 'zod';
import { checkbox, code, integer, language, text, wallTime } from '../../http/validation.js';

const version = () => integer(1, Number.MAX_SAFE_INTEGER);
export const ROTATION_UNITS = ['turn', 'day', 'week'] as const;
export const rotationUnit = () => z.enum(ROTATION_UNITS, { message: 'errors.fieldChoice' });

export const ServiceInput = z.object({
  code: code(),
  nameFi: text(100),
  nameSv: text(100),
  nameEn: text(100),
  rotationUnit: rotationUnit(),
});
export type ServiceInput = z.output<typeof ServiceInput>;

export const ServiceUpdate = ServiceInput.extend({ active: checkbox(), version: version() });
export const ServicePatch = ServiceInput.partial().extend({ active: z.boolean().optional() });
export const ActiveToggle = z.object({ active: checkbox(), version: version() });

/** One row of the weekly pattern; an empty language means no language requirement. */
export const TemplateInput = z
  .object({
    weekday: integer(1, 7),
    start: wallTime(),
    end: wallTime(),
    headcount: integer(1, 50),
    language: z.preprocess((v) => (v === '' || v === undefined ? null : v), language().nullable()),
  })
  .refine((t) => t.end > t.start, { path: ['end'], message: 'errors.endBeforeStart' });
export type TemplateInput = z.output<typeof TemplateInput>;

/** The add-a-row form: a template and the service version it read. */
export const TemplateForm = z.object({ version: version() }).and(TemplateInput);

/** The API's whole-pattern replacement. */
export const PatternInput = z.object({ templates: z.array(TemplateInput).max(200), version: version().optional() });

export const VersionOnly = z.object({ version: version() });
