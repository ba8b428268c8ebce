CREATE TABLE employers (
    id TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_vi TEXT,
    credit_code TEXT NOT NULL UNIQUE,
    zone TEXT NOT NULL,
    contact_name TEXT,
    contact_phone TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX employers_zone ON employers (zone);

CREATE TABLE employments (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES users (id),
    employer_id TEXT NOT NULL REFERENCES employers (id),
    start_on DATE NOT NULL,
    end_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX employments_worker ON employments (worker_id, start_on);
CREATE INDEX employments_employer ON employments (employer_id, start_on);

CREATE TABLE papers (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vn_border_pass', 'cn_residence_permit', 'cn_stay_permit',
        'cn_work_permit', 'cn_health_certificate', 'employer_permit', 'labour_agreement',
        'accident_insurance', 'work_injury_insurance')),
    number TEXT NOT NULL,
    authority TEXT NOT NULL,
    issued_on DATE NOT NULL,
    valid_from DATE NOT NULL,
    expires_on DATE NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'revoked', 'superseded')),
    renewals INTEGER NOT NULL DEFAULT 0,
    series_start DATE NOT NULL,
    worker_id TEXT REFERENCES users (id),
    employer_id TEXT REFERENCES employers (id),
    zone TEXT NOT NULL,
    entered_on DATE,
    supersedes_id TEXT REFERENCES papers (id),
    revoked_reason TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (expires_on >= valid_from),
    CHECK (worker_id IS NOT NULL OR employer_id IS NOT NULL)
);
CREATE INDEX papers_worker ON papers (worker_id, kind);
CREATE INDEX papers_employer ON papers (employer_id, kind);
CREATE INDEX papers_number ON papers (number);
CREATE INDEX papers_expiry ON papers (state, expires_on);
-- One paper number is active at most once per kind: a renewal supersedes the old row.
CREATE UNIQUE INDEX papers_active_number ON papers (kind, number) WHERE state = 'active';
-- A paper is renewed at most once.
CREATE UNIQUE INDEX papers_supersedes ON papers (supersedes_id);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
