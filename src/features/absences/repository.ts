import type { Db } from '../../db/connection.js';

export function createAbsenceRepository(_db: Db) {
  return {};
}
