import { apiDocs } from './api-docs.js';
import { auth } from './auth.js';
import { common } from './common.js';
import { errors } from './errors.js';

// One namespace per feature; add a feature's messages here.
export const catalogue = { common, errors, auth, apiDocs };
