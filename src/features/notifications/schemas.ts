import { z } from 'zod';
import { integer } from '../../http/validation.js';

/** ?page=n on a paginated list. */
export const PageQuery = z.object({ page: integer(1, 1_000_000).optional() });
