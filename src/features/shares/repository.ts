import type { Db } from '../../db/connection.js';

export interface ShareRow {
  service_id: number;
  city_id: number;
  valid_from: string;
  share: number;
}

// The share in force on a date is the newest row not after it, per city and service.
const IN_FORCE = `SELECT s.service_id, s.city_id, s.valid_from, s.share FROM shares s
  WHERE s.valid_from = (SELECT max(x.valid_from) FROM shares x
                        WHERE x.service_id = s.service_id AND x.city_id = s.city_id AND x.valid_from <= @date)`;

export function createShareRepository(db: Db) {
  const inForce = db.prepare<[{ date: string }], ShareRow>(`${IN_FORCE} ORDER BY s.service_id, s.city_id`);
  const inForceFor = db.prepare<[{ date: string; serviceId: number }], ShareRow>(`${IN_FORCE} AND s.service_id = @serviceId ORDER BY s.city_id`);
  const history = db.prepare<[number], ShareRow>(
    'SELECT service_id, city_id, valid_from, share FROM shares WHERE service_id = ? ORDER BY valid_from DESC, city_id',
  );
  const citiesWithShares = db.prepare<[number], { city_id: number }>('SELECT DISTINCT city_id FROM shares WHERE service_id = ?');
  const upsert = db.prepare(
    `INSERT INTO shares (service_id, city_id, valid_from, share) VALUES (?, ?, ?, ?)
     ON CONFLICT (service_id, city_id, valid_from) DO UPDATE SET share = excluded.share`,
  );
  return {
    /** Every service's shares in force on a local date. */
    inForce: (date: string) => inForce.all({ date }),
    inForceFor: (serviceId: number, date: string) => inForceFor.all({ date, serviceId }),
    history: (serviceId: number) => history.all(serviceId),
    citiesWithShares: (serviceId: number) => citiesWithShares.all(serviceId).map((r) => r.city_id),
    upsert: (serviceId: number, cityId: number, validFrom: string, share: number) => upsert.run(serviceId, cityId, validFrom, share),
  };
}
export type ShareRepository = ReturnType<typeof createShareRepository>;
