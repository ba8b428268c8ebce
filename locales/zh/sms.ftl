# 发给用户的短信。保持简短：一条短信（最多 70 个字符）。
sms-otp = cuakhau 验证码：{ $code }，{ $minutes } 分钟内有效。请勿告诉他人。
sms-help = cuakhau：发送 { $keywords }。TT 查询证件及务工状态，HD 1 至 HD 12 合法务工指南，KT 加名称或许可证号查询中介，BC 加内容举报，DUNG 退订，BAT 恢复。
sms-unknown-number = cuakhau：此号码尚未注册。请通过应用或到服务中心注册。发送 HD 查看帮助。
sms-stopped = cuakhau：您将不再收到提醒短信。发送 BAT 可恢复。
sms-started = cuakhau：您将重新收到提醒短信。发送 DUNG 可退订。
sms-reminder = cuakhau：您的{ $paper }将于 { $days } 天后（{ $date }）到期，请到{ $centre }办理续期。发送 TT 查询证件。
sms-reminder-today = cuakhau：您的{ $paper }今天（{ $date }）到期，请尽快到{ $centre }办理。发送 TT 查询证件。
sms-reminder-expired = cuakhau：您的{ $paper }已于 { $date } 到期。请联系{ $centre }。发送 HD 查看帮助。
sms-reminder-renewals = cuakhau：您的{ $paper }将于 { $days } 天后（{ $date }）到期，还可续期 { $renewals } 次，请到{ $centre }办理。发送 TT 查询证件。
sms-employer-digest = cuakhau 每周提醒：您有 { $workers } 名工人的证件将在 30 天内到期，{ $gaps } 名工人缺少劳动协议或保险。用工证：{ $permit }。详情请登录查看。
digest-permit-valid = 有效至 { $date }
digest-permit-invalid = 无有效用工证
