DROP TABLE audit_log;
DROP TABLE papers;
DROP TABLE employments;
DROP TABLE employers;
