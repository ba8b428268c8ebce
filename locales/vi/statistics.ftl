# Báo cáo định kỳ (CSV): tiêu đề cột và tên các mục.
stats-header-section = Mục
stats-header-key = Nhóm
stats-header-detail = Chi tiết
stats-header-count = Số lượng
stats-workers-total = Tổng số lao động đã đăng ký
stats-workers-without-residence-permit = Lao động không có giấy cư trú hoặc lưu trú còn hạn
stats-workers-registered = Lao động đăng ký mới (tỉnh, huyện)
stats-workers-active-by-zone = Lao động có giấy tờ còn hạn theo khu vực
stats-papers-issued = Giấy tờ cấp mới
stats-papers-renewed = Giấy tờ gia hạn
stats-papers-expired = Giấy tờ hết hạn
stats-papers-revoked = Giấy tờ bị thu hồi
stats-renewal-applications = Hồ sơ gia hạn theo trạng thái
stats-reports-by-category = Báo cáo vi phạm theo loại
stats-reports-by-state = Báo cáo vi phạm theo trạng thái
stats-sms = Tin nhắn SMS theo trạng thái
