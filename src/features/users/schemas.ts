import { z } from 'zod';
import { checkbox, id, text } from '../../http/validation.js';

export const MIN_PASSWORD = 12;

const optionalId = () => z.preprocess((v) => (v === '' || v === null ? undefined : v), id().optional());
const role = () => z.enum(['admin', 'supervisor', 'adviser'], { message: 'errors.fieldChoice' });
/** '' means "follow the browser". */
const uiLanguage = () => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.enum(['', 'fi', 'sv', 'en'], { message: 'errors.fieldChoice' }));
export const password = () => z.string({ message: 'errors.fieldRequired' }).min(MIN_PASSWORD, 'errors.fieldTooShort').max(1000, 'errors.fieldTooLong');

export const UserCreate = z.object({
  username: text(64).regex(/^[A-Za-z0-9._@-]+$/, 'errors.fieldInvalid'),
  displayName: text(200),
  password: password(),
  role: role(),
  cityId: optionalId(),
  adviserId: optionalId(),
  language: uiLanguage(),
});
export type UserCreate = z.output<typeof UserCreate>;

export const UserEdit = z.object({
  displayName: text(200),
  role: role(),
  cityId: optionalId(),
  adviserId: optionalId(),
  language: uiLanguage(),
  active: checkbox(),
});
export type UserEdit = z.output<typeof UserEdit>;

export const PasswordReset = z.object({ password: password() });

export const ProfileLanguage = z.object({ language: uiLanguage() });

export const PasswordChange = z.object({
  currentPassword: z.string({ message: 'errors.fieldRequired' }).min(1, 'errors.fieldRequired').max(1000, 'errors.fieldTooLong'),
  newPassword: password(),
  confirmPassword: z.string({ message: 'errors.fieldRequired' }).min(1, 'errors.fieldRequired').max(1000, 'errors.fieldTooLong'),
});
