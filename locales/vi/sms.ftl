# Tin nhắn SMS gửi cho người lao động. Giữ ngắn: một tin nhắn (tối đa 70 ký tự có dấu).
sms-otp = Mã cuakhau: { $code }. Dùng trong { $minutes } phút. Đừng đưa mã cho ai.
sms-help = cuakhau: nhắn { $keywords }. TT: xem giấy tờ và quyền làm việc. HD: hướng dẫn. DUNG: ngừng nhận tin. BAT: nhận lại. Đường dây nóng Lạng Sơn 02053 775 469.
sms-unknown-number = cuakhau: số này chưa đăng ký. Hãy đăng ký bằng ứng dụng hoặc tại trung tâm dịch vụ việc làm. Nhắn HD để xem hướng dẫn.
sms-stopped = cuakhau: bạn sẽ không nhận tin nhắc nhở nữa. Nhắn BAT để nhận lại.
sms-started = cuakhau: bạn sẽ nhận lại tin nhắc nhở. Nhắn DUNG để ngừng.
