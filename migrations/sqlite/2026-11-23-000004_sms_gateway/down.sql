DROP TABLE sms_opt_outs;
DROP TABLE inbound_messages;
DROP INDEX outbound_messages_provider_id;
ALTER TABLE outbound_messages DROP COLUMN segments;
ALTER TABLE outbound_messages DROP COLUMN encoding;
