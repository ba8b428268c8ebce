CREATE TABLE renewal_applications (
    id TEXT PRIMARY KEY NOT NULL,
    worker_id TEXT NOT NULL REFERENCES users (id),
    centre_id TEXT NOT NULL REFERENCES centres (id),
    -- Paper kinds to renew, comma-separated, e.g. "cn_residence_permit,cn_health_certificate".
    kinds TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'ready_for_pickup', 'collected', 'rejected', 'withdrawn')),
    pickup_on DATE,
    reason TEXT,
    note TEXT,
    decided_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX renewal_applications_worker ON renewal_applications (worker_id, created_at);
CREATE INDEX renewal_applications_centre ON renewal_applications (centre_id, state, created_at);
