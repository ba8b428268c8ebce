# 发给用户的短信。保持简短：一条短信（最多 70 个字符）。
sms-otp = cuakhau 验证码：{ $code }，{ $minutes } 分钟内有效。请勿告诉他人。
