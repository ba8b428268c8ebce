# Tin nhắn SMS gửi cho người lao động. Giữ ngắn: một tin nhắn (tối đa 70 ký tự có dấu).
sms-otp = Mã cuakhau: { $code }. Dùng trong { $minutes } phút. Đừng đưa mã cho ai.
sms-help = cuakhau: nhắn { $keywords }. TT: xem giấy tờ và quyền làm việc. HD 1 đến HD 12: hướng dẫn làm việc hợp pháp. KT tên hoặc số giấy phép: kiểm tra công ty môi giới. BC nội dung: báo vi phạm. DUNG: ngừng nhận tin. Nóng: 02053 775 469.
sms-unknown-number = cuakhau: số này chưa đăng ký. Hãy đăng ký bằng ứng dụng hoặc tại trung tâm dịch vụ việc làm. Nhắn HD để xem hướng dẫn.
sms-stopped = cuakhau: bạn sẽ không nhận tin nhắc nhở nữa. Nhắn BAT để nhận lại.
sms-started = cuakhau: bạn sẽ nhận lại tin nhắc nhở. Nhắn DUNG để ngừng.
sms-reminder = cuakhau: { $paper } của bạn hết hạn sau { $days } ngày ({ $date }). Hãy gia hạn tại { $centre }. Nhắn TT để xem giấy tờ.
sms-reminder-today = cuakhau: { $paper } của bạn hết hạn hôm nay ({ $date }). Hãy đến { $centre } ngay. Nhắn TT để xem giấy tờ.
sms-reminder-expired = cuakhau: { $paper } của bạn đã hết hạn ngày { $date }. Hãy liên hệ { $centre } hoặc gọi 02053 775 469. Nhắn HD để được hướng dẫn.
sms-reminder-renewals = cuakhau: { $paper } của bạn hết hạn sau { $days } ngày ({ $date }). Còn { $renewals } lần gia hạn. Hãy gia hạn tại { $centre }. Nhắn TT để xem giấy tờ.
sms-employer-digest = cuakhau nhắc hằng tuần: { $workers } lao động có giấy tờ hết hạn trong 30 ngày, { $gaps } lao động thiếu hợp đồng hoặc bảo hiểm. Giấy phép sử dụng lao động: { $permit }.
digest-permit-valid = còn hiệu lực đến { $date }
digest-permit-invalid = không còn hiệu lực
