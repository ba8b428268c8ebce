# SMS texts. Keep each to one message (70 characters when not plain GSM).
sms-otp = cuakhau code: { $code }. Valid for { $minutes } minutes. Do not share it.
sms-help = cuakhau: send { $keywords }. TT: your papers and work status. HD 1 to HD 12: working legally. KT name or licence: check a recruiter. BC text: report abuse. DUNG: stop messages. BAT: start again.
sms-unknown-number = cuakhau: this number is not registered. Register in the app or at an employment centre. Send HD for help.
sms-stopped = cuakhau: you will get no more reminders. Send BAT to start again.
sms-started = cuakhau: reminders are on again. Send DUNG to stop.
sms-reminder = cuakhau: your { $paper } expires in { $days } days ({ $date }). Renew at { $centre }. Send TT to see your papers.
sms-reminder-today = cuakhau: your { $paper } expires today ({ $date }). Go to { $centre } now. Send TT to see your papers.
sms-reminder-expired = cuakhau: your { $paper } expired on { $date }. Contact { $centre }. Send HD for help.
sms-reminder-renewals = cuakhau: your { $paper } expires in { $days } days ({ $date }); { $renewals } renewals left. Renew at { $centre }. Send TT to see your papers.
sms-employer-digest = cuakhau weekly: { $workers } of your workers have papers lapsing within 30 days; { $gaps } lack an agreement or insurance. Employer permit: { $permit }.
digest-permit-valid = valid until { $date }
digest-permit-invalid = not valid
