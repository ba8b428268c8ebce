DROP TABLE report_events;
DROP TABLE abuse_reports;
DROP TABLE agencies;
DROP TABLE guidance_revisions;
