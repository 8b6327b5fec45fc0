import { accessibility } from './accessibility.js';
import { apiDocs } from './api-docs.js';
import { auth } from './auth.js';
import { calendar } from './calendar.js';
import { advisers } from './advisers.js';
import { absences } from './absences.js';
import { users } from './users.js';
import { tokens } from './tokens.js';
import { profile } from './profile.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { errors } from './errors.js';
import { home } from './home.js';
import { roster } from './roster.js';
import { rotation } from './rotation.js';
import { closures } from './closures.js';
import { cities } from './cities.js';
import { services } from './services.js';
import { shares } from './shares.js';
import { changes } from './changes.js';
import { notifications } from './notifications.js';
import { workflow } from './workflow.js';
import { workflowMail } from './workflow-mail.js';
import { publish } from './publish.js';
import { replacements } from './replacements.js';
import { oidc } from './oidc.js';
import { ops } from './ops.js';
import { integrations } from './integrations.js';
import { hardening } from './hardening.js';
import { myDay } from './my-day.js';
import { fairnessHours } from './fairness-hours.js';
import { planning } from './planning.js';
import { spreadsheet } from './spreadsheet.js';
import { rosterMarks } from './roster-marks.js';
import { glossary } from './glossary.js';
import { changeLog } from './change-log.js';

// One namespace per feature; add a feature's messages here.
export const catalogue = {
  common,
  errors,
  auth,
  calendar,
  advisers,
  absences,
  users,
  tokens,
  profile,
  cli,
  apiDocs,
  closures,
  cities,
  services,
  shares,
  roster,
  rotation,
  home,
  accessibility,
  changes,
  notifications,
  workflow,
  workflowMail,
  publish,
  replacements,
  oidc,
  ops,
  integrations,
  hardening,
  myDay,
  fairnessHours,
  planning,
  spreadsheet,
  rosterMarks,
  glossary,
  changeLog,
};
