# Tra cứu công ty môi giới được cấp phép và báo cáo vi phạm (một tin SMS mỗi câu trả lời).
agency-may-recruit = cuakhau: { $name } (giấy phép { $licence }) ĐƯỢC PHÉP tuyển lao động hôm nay, giấy phép đến { $date }. Vẫn không nộp tiền đặt cọc và không đưa ai giữ giấy tờ.
agency-suspended = cuakhau: { $name } (giấy phép { $licence }) đang BỊ ĐÌNH CHỈ, KHÔNG được tuyển lao động. Đừng nộp tiền. Nhắn BC để báo vi phạm hoặc gọi 02053 775 469.
agency-revoked = cuakhau: { $name } (giấy phép { $licence }) đã BỊ THU HỒI giấy phép, KHÔNG được tuyển lao động. Đừng nộp tiền, đừng đưa giấy tờ. Nhắn BC để báo vi phạm.
agency-expired = cuakhau: giấy phép của { $name } ({ $licence }) đã HẾT HẠN ngày { $date }, KHÔNG được tuyển lao động. Đừng nộp tiền. Hỏi trung tâm dịch vụ việc làm.
agency-not-found = cuakhau: không tìm thấy "{ $query }" trong danh sách công ty được cấp phép. Công ty không có tên ở đây thì KHÔNG được tuyển lao động. Nhắn BC để báo vi phạm.
report-state-new = đã nhận
report-state-investigating = đang xác minh
report-state-referred = đã chuyển cơ quan chức năng
report-state-closed = đã kết thúc
sms-report-filed = cuakhau: đã nhận báo cáo { $case }. Bạn sẽ nhận tin khi có kết quả. Khẩn cấp gọi 02053 775 469.
sms-report-filed-anonymous = cuakhau: đã nhận báo cáo ẩn danh { $case }, mã bí mật { $secret }. Giữ mã này để xem kết quả trong ứng dụng. Báo cáo không lưu số điện thoại của bạn.
sms-report-empty = cuakhau: để báo vi phạm, nhắn BC và nội dung, ví dụ: BC chủ giữ hộ chiếu. Nhắn BC AN và nội dung để báo ẩn danh.
sms-report-moved = cuakhau: báo cáo { $case } của bạn: { $state }.
sms-report-unknown = cuakhau: không tìm thấy báo cáo này cho số điện thoại của bạn. Báo cáo ẩn danh: xem bằng mã bí mật trong ứng dụng.
