# SMS texts. Keep each to one message (70 characters when not plain GSM).
sms-otp = cuakhau code: { $code }. Valid for { $minutes } minutes. Do not share it.
