import type { Db } from '../../db/connection.js';

export interface ProposalRow {
  id: number;
  service_id: number;
  valid_from: string;
  status: 'pending' | 'applied' | 'rejected';
  proposed_by: number | null;
  proposer_city_id: number | null;
  decided_by: number | null;
  decided_at: string | null;
  version: number;
  created_at: string;
}

export function createShareProposalRepository(db: Db) {
  const byId = db.prepare<[number], ProposalRow>('SELECT * FROM share_proposals WHERE id = ?');
  const pending = db.prepare<[number], ProposalRow>("SELECT * FROM share_proposals WHERE service_id = ? AND status = 'pending' ORDER BY valid_from, id");
  const insert = db.prepare('INSERT INTO share_proposals (service_id, valid_from, proposed_by, proposer_city_id) VALUES (?, ?, ?, ?)');
  const insertShare = db.prepare('INSERT INTO share_proposal_shares (proposal_id, city_id, share) VALUES (?, ?, ?)');
  const shares = db.prepare<[number], { city_id: number; share: number }>(
    'SELECT city_id, share FROM share_proposal_shares WHERE proposal_id = ? ORDER BY city_id',
  );
  const approve = db.prepare('INSERT OR IGNORE INTO share_proposal_approvals (proposal_id, city_id, user_id) VALUES (?, ?, ?)');
  const approvals = db.prepare<[number], { city_id: number; user_id: number | null; approved_at: string }>(
    'SELECT city_id, user_id, approved_at FROM share_proposal_approvals WHERE proposal_id = ? ORDER BY city_id',
  );
  const bump = db.prepare('UPDATE share_proposals SET version = version + 1 WHERE id = ? AND version = ?');
  const decide = db.prepare(
    `UPDATE share_proposals SET status = ?, decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = version + 1
     WHERE id = ? AND status = 'pending'`,
  );
  return {
    byId: (id: number) => byId.get(id),
    pending: (serviceId: number) => pending.all(serviceId),
    insert: (serviceId: number, validFrom: string, userId: number, cityId: number) => Number(insert.run(serviceId, validFrom, userId, cityId).lastInsertRowid),
    insertShare: (proposalId: number, cityId: number, share: number) => insertShare.run(proposalId, cityId, share),
    shares: (proposalId: number) => shares.all(proposalId),
    approve: (proposalId: number, cityId: number, userId: number) => approve.run(proposalId, cityId, userId),
    approvals: (proposalId: number) => approvals.all(proposalId),
    /** False when the version read is no longer current. */
    bumpVersion: (id: number, version: number) => bump.run(id, version).changes === 1,
    decide: (id: number, status: 'applied' | 'rejected', userId: number) => decide.run(status, userId, id).changes === 1,
  };
}
export type ShareProposalRepository = ReturnType<typeof createShareProposalRepository>;
