-- Share changes proposed by a supervisor. The brief wants shares agreed by
-- every city's supervisors or set by an admin: a proposal takes effect (its
-- rows are written to shares) once a supervisor of every active city has
-- approved it; the proposer's city approves by proposing.
CREATE TABLE share_proposals (
  id               INTEGER PRIMARY KEY,
  service_id       INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  valid_from       TEXT NOT NULL CHECK (date(valid_from) = valid_from),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
  proposed_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  proposer_city_id INTEGER REFERENCES cities(id),
  decided_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at       TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX share_proposals_service ON share_proposals(service_id, status);

CREATE TABLE share_proposal_shares (
  proposal_id INTEGER NOT NULL REFERENCES share_proposals(id) ON DELETE CASCADE,
  city_id     INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  share       REAL NOT NULL CHECK (share >= 0 AND share <= 1),
  PRIMARY KEY (proposal_id, city_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE share_proposal_approvals (
  proposal_id INTEGER NOT NULL REFERENCES share_proposals(id) ON DELETE CASCADE,
  city_id     INTEGER NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  approved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (proposal_id, city_id)
) STRICT, WITHOUT ROWID;
