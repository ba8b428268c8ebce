# Màn hình USSD (tối đa 182 ký tự; tiếng Việt được gửi không dấu).
ussd-main =
    cuakhau
    1 Tình trạng giấy tờ
    2 Việc làm
    3 Hướng dẫn hợp pháp
    4 Kiểm tra công ty môi giới
    5 Báo cáo vi phạm
    6 Ngôn ngữ / 语言 / Language
ussd-invalid = Lựa chọn không hợp lệ.
ussd-nav-back = 0 Quay lại  00 Menu
ussd-nav-more = 9 Tiếp  0 Quay lại  00 Menu
ussd-not-registered = Số này chưa đăng ký cuakhau. Hãy đăng ký bằng ứng dụng hoặc tại trung tâm dịch vụ việc làm. Hỏi: 02053 775 469.
ussd-paper-days = { $paper }: còn { $days } ngày
ussd-paper-lapsed = { $paper }: hết hạn
ussd-jobs-none = Chưa có việc phù hợp. Cập nhật kỹ năng trong ứng dụng.
ussd-job-detail = { $title }. { $zone }, { $min }-{ $max } CNY/tháng, bắt đầu { $start }.
ussd-job-apply = 1 Ứng tuyển
ussd-job-applied = Đã ứng tuyển: { $title } (mã { $code }). Bạn sẽ nhận SMS khi có kết quả.
ussd-topics = Hướng dẫn:
ussd-agency-prompt = Nhập số giấy phép hoặc tên công ty:
ussd-report-categories =
    Loại vi phạm:
    1 Nợ lương
    2 Giữ hộ chiếu, giấy tờ
    3 Thu phí quá cao
    4 Hứa hẹn sai sự thật
    5 Không có hợp đồng
    6 Rủ vượt biên trái phép
    7 Làm việc nguy hiểm
    8 Khác
ussd-report-details = Nhập nội dung ngắn, hoặc 1 để bỏ qua:
ussd-report-who =
    1 Ẩn danh
    2 Để lại số điện thoại để nhận kết quả
ussd-report-no-details = (báo cáo qua USSD, không có nội dung)
ussd-report-filed = Đã nhận báo cáo { $case }. Bạn sẽ nhận SMS khi có kết quả.
ussd-report-filed-anonymous = Đã nhận báo cáo { $case }. Mã bí mật: { $secret }. Hãy ghi lại.
ussd-language =
    1 Tiếng Việt
    2 中文
    3 English
ussd-busy = Hệ thống đang bận, vui lòng thử lại sau.
ussd-too-long = Yêu cầu quá dài. Vui lòng quay số lại.
