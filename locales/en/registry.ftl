# Licensed-recruiter lookups and abuse reports (each answer one SMS).
agency-may-recruit = cuakhau: { $name } (licence { $licence }) MAY recruit workers today; licence valid until { $date }. Still pay no deposit and let no one keep your papers.
agency-suspended = cuakhau: { $name } (licence { $licence }) is SUSPENDED and may NOT recruit. Pay nothing. Send BC to report, or call 02053 775 469.
agency-revoked = cuakhau: { $name } (licence { $licence }) has had its licence REVOKED and may NOT recruit. Pay nothing, hand over no papers. Send BC to report.
agency-expired = cuakhau: the licence of { $name } ({ $licence }) EXPIRED on { $date }; it may NOT recruit. Pay nothing. Ask an employment centre.
agency-not-found = cuakhau: "{ $query }" is not in the register of licensed agencies. An agency not listed here may NOT recruit. Send BC to report.
report-state-new = received
report-state-investigating = under investigation
report-state-referred = referred to the authorities
report-state-closed = closed
sms-report-filed = cuakhau: report { $case } received. You will get a message when there is news. Urgent: call 02053 775 469.
sms-report-filed-anonymous = cuakhau: anonymous report { $case } received, secret { $secret }. Keep it to follow the case in the app. The report does not keep your number.
sms-report-empty = cuakhau: to report abuse send BC and what happened, e.g. BC boss keeps my passport. Send BC AN and the text to stay anonymous.
sms-report-moved = cuakhau: your report { $case }: { $state }.
sms-report-unknown = cuakhau: no such report from your number. Anonymous reports: check with the secret in the app.
