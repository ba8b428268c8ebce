-- Guidance edits: revision 0 is the text shipped in locales/<lang>/guidance.ftl; every
-- supervisor edit adds the next revision for (topic, language); the highest is shown.
CREATE TABLE guidance_revisions (
    id TEXT PRIMARY KEY NOT NULL,
    topic TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('vi', 'zh', 'en')),
    revision INTEGER NOT NULL CHECK (revision > 0),
    title TEXT NOT NULL,
    sms TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (topic, language, revision)
);

-- Licensed recruitment / labour-service agencies; public, no personal data.
CREATE TABLE agencies (
    id TEXT PRIMARY KEY NOT NULL,
    licence_number TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    -- Lower case, unaccented names and licence, for accent-insensitive search.
    search_text TEXT NOT NULL,
    country TEXT NOT NULL CHECK (country IN ('VN', 'CN')),
    province TEXT NOT NULL,
    activities TEXT NOT NULL,
    valid_until DATE NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'revoked', 'expired')),
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Abuse reports. An anonymous report keeps neither phone, account nor address.
CREATE TABLE abuse_reports (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    case_number TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('wage_arrears', 'passport_confiscation',
        'excessive_fees', 'false_promises', 'no_contract', 'illegal_crossing_offer',
        'unsafe_work', 'other')),
    details TEXT NOT NULL,
    named_party TEXT,
    agency_id TEXT REFERENCES agencies (id),
    place TEXT,
    zone TEXT,
    happened_on DATE,
    channel TEXT NOT NULL CHECK (channel IN ('app', 'sms', 'ussd')),
    reporter_id TEXT REFERENCES users (id),
    reporter_phone TEXT,
    secret_hash TEXT,
    language TEXT NOT NULL CHECK (language IN ('vi', 'zh', 'en')),
    state TEXT NOT NULL CHECK (state IN ('new', 'investigating', 'referred', 'closed')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX abuse_reports_triage ON abuse_reports (zone, state, created_at);
CREATE INDEX abuse_reports_reporter ON abuse_reports (reporter_id);

CREATE TABLE report_events (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES abuse_reports (id),
    actor_id TEXT NOT NULL REFERENCES users (id),
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_events_report ON report_events (report_id, created_at);
