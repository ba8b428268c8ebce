DROP TABLE centres;
DROP TABLE outbound_messages;
DROP TABLE refresh_tokens;
DROP TABLE users;
