# Tin nhắn SMS gửi cho người lao động. Giữ ngắn: một tin nhắn (tối đa 70 ký tự có dấu).
sms-otp = Mã cuakhau: { $code }. Dùng trong { $minutes } phút. Đừng đưa mã cho ai.
