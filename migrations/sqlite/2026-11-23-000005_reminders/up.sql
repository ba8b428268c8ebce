CREATE TABLE reminders (
    id TEXT PRIMARY KEY NOT NULL,
    paper_id TEXT NOT NULL REFERENCES papers (id),
    worker_id TEXT NOT NULL REFERENCES users (id),
    expires_on DATE NOT NULL,
    -- Days before the expiry; -1 is the "expired" notice sent the day after.
    offset_days INTEGER NOT NULL,
    due_at TIMESTAMP NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('planned', 'sent', 'skipped_opted_out', 'skipped_no_opt_in',
        'superseded', 'cancelled')),
    outbox_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (paper_id, expires_on, offset_days)
);
CREATE INDEX reminders_due ON reminders (state, due_at);
CREATE INDEX reminders_worker ON reminders (worker_id, due_at);
