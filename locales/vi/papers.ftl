# Tên giấy tờ như người lao động gọi.
paper-vn_border_pass = Giấy thông hành biên giới
paper-cn_residence_permit = Giấy phép cư trú tạm thời
paper-cn_stay_permit = Giấy phép lưu trú (180 ngày)
paper-cn_work_permit = Giấy phép lao động
paper-cn_health_certificate = Giấy chứng nhận sức khỏe
paper-employer_permit = Giấy phép sử dụng lao động của chủ sử dụng
paper-labour_agreement = Hợp đồng lao động
paper-accident_insurance = Bảo hiểm tai nạn
paper-work_injury_insurance = Bảo hiểm tai nạn lao động

# Điều kiện không đạt trong kết luận "được làm việc hợp pháp".
verdict-border_pass_invalid = Giấy thông hành biên giới không còn hiệu lực.
verdict-no_residence_or_stay_permit = Chưa có giấy phép cư trú hoặc lưu trú còn hiệu lực.
verdict-work_permit_invalid = Giấy phép lao động không còn hiệu lực.
verdict-work_permit_other_employer = Giấy phép lao động cấp cho chủ sử dụng khác, không phải chủ hiện tại.
verdict-health_certificate_invalid = Giấy chứng nhận sức khỏe không còn hiệu lực.
verdict-no_employment = Hiện không có chủ sử dụng lao động nào được ghi nhận.
verdict-employer_permit_invalid = Chủ sử dụng không có giấy phép sử dụng lao động còn hiệu lực.
verdict-labour_agreement_invalid = Không có hợp đồng lao động còn hiệu lực với chủ sử dụng.
verdict-accident_insurance_invalid = Chủ sử dụng chưa mua bảo hiểm tai nạn cho bạn.
verdict-work_injury_insurance_invalid = Chủ sử dụng chưa mua bảo hiểm tai nạn lao động cho bạn.

verdict-legal = Bạn đang được làm việc hợp pháp.
verdict-not-legal = Bạn chưa được làm việc hợp pháp.

# Việc cần làm tiếp theo.
next-step-all_in_order = Giấy tờ của bạn đầy đủ. Không cần làm gì lúc này.
next-step-renew = { $paper } hết hạn sau { $days } ngày ({ $date }). Còn { $renewals } lần gia hạn. Hãy gia hạn tại { $centre }.
next-step-renew-unlimited = { $paper } hết hạn sau { $days } ngày ({ $date }). Hãy gia hạn tại { $centre }.
next-step-must_exit = { $paper } hết hạn ngày { $date } và không thể gia hạn thêm. Bạn phải xuất cảnh trước ngày đó.
next-step-obtain = Bạn cần có { $paper } còn hiệu lực. Hãy liên hệ { $centre }.
next-step-ask_employer = Chủ sử dụng lao động cần bổ sung giấy tờ. Hãy báo chủ hoặc liên hệ { $centre }.
centre-nearest = trung tâm quản lý lao động biên giới gần nhất
