-- Expiry looks only at rows with a deadline (sign-in codes), not at every queued row.
CREATE INDEX outbound_messages_expiring ON outbound_messages (expires_at) WHERE expires_at IS NOT NULL;
