CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('worker', 'employer', 'centre_staff', 'officer', 'supervisor', 'admin')),
    scope TEXT,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    password_hash TEXT,
    full_name TEXT,
    birth_date DATE,
    home_province TEXT,
    home_district TEXT,
    language TEXT NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'zh', 'en')),
    time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    sms_opt_in BOOLEAN NOT NULL DEFAULT 0,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX users_role_scope ON users (role, scope);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE outbound_messages (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('otp', 'reminder', 'reply', 'notice', 'broadcast')),
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    claimed_until TIMESTAMP,
    claim_token TEXT,
    provider TEXT,
    provider_message_id TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbound_messages_due ON outbound_messages (state, next_attempt_at);
CREATE INDEX outbound_messages_recipient ON outbound_messages (recipient, created_at);

CREATE TABLE centres (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    zone TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    hours TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
