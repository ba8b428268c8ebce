ALTER TABLE outbound_messages ADD COLUMN encoding TEXT NOT NULL DEFAULT 'ucs2';
ALTER TABLE outbound_messages ADD COLUMN segments INTEGER NOT NULL DEFAULT 1;
CREATE INDEX outbound_messages_provider_id ON outbound_messages (provider_message_id);

CREATE TABLE inbound_messages (
    id TEXT PRIMARY KEY NOT NULL,
    provider TEXT NOT NULL,
    provider_message_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    command TEXT,
    received_at TIMESTAMP NOT NULL,
    UNIQUE (provider, provider_message_id)
);
CREATE INDEX inbound_messages_sender ON inbound_messages (sender, received_at);

-- Numbers that sent STOP: only sign-in codes and the opt-out confirmation reach them.
CREATE TABLE sms_opt_outs (
    phone TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL
);
