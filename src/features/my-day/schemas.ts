import { z } from 'zod';
import { checkbox, id, integer, optionalText } from '../../http/validation.js';

const versionRead = () => integer(1, Number.MAX_SAFE_INTEGER);

export const CoverBody = z.object({ turnId: id(), message: optionalText(500) });
export const CoverTakeBody = z.object({ version: versionRead() });
export const CoverDecisionBody = z.object({ decision: z.enum(['approve', 'decline']), version: versionRead() });
export const CoverCancelBody = z.object({ version: versionRead() });

export const REMINDERS = ['off', 'working_day', '1', '2', '7'] as const;
export type Reminder = (typeof REMINDERS)[number];
export const ReminderBody = z.object({ reminder: z.enum(REMINDERS, { message: 'errors.fieldChoice' }) });

export const ApprovalBody = z.object({ swapsNeedApproval: checkbox(), version: versionRead() });
