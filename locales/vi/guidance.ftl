# Hướng dẫn cho người lao động (nhắn HD 1 đến HD 12): tiêu đề, bản SMS ngắn (gửi không dấu) và nội dung đầy đủ.

## 1) Các bước làm việc hợp pháp

guide-legal-steps-title = Các bước làm việc hợp pháp
guide-legal-steps-sms = cuakhau: Làm việc hợp pháp ở Quảng Tây: 1) Giấy thông hành biên giới. 2) Vào qua cửa khẩu song phương hoặc quốc tế, được ở 72 giờ. 3) Giấy cư trú tạm thời hoặc giấy lưu trú 180 ngày. 4) Giấy phép lao động. 5) Giấy sức khỏe. Chủ phải có giấy phép sử dụng lao động, hợp đồng, 2 bảo hiểm. Nhắn TT.
guide-legal-steps-body =
    Muốn làm việc hợp pháp ở Quảng Tây, bạn cần đủ giấy tờ theo các bước sau.

    1) Làm giấy thông hành xuất nhập cảnh vùng biên giới ở Việt Nam. Xem HD 2.
    2) Chỉ nhập cảnh qua cửa khẩu song phương hoặc quốc tế. Khi vào, bạn được ở 72 giờ. Xem HD 8.
    3) Trước khi hết 72 giờ, xin giấy phép cư trú tạm thời (6 tháng) do công an cấp. Nếu làm ở khu Sùng Tả, có thể xin giấy lưu trú đến 180 ngày. Xem HD 3.
    4) Xin giấy phép lao động do cơ quan nhân lực và an sinh xã hội cấp. Xem HD 4.
    5) Khám sức khỏe, nhận giấy chứng nhận sức khỏe do cơ quan kiểm dịch cấp. Xem HD 5.

    Các giấy ở Trung Quốc làm tại trung tâm một cửa ở Đông Hưng hoặc Bằng Tường. Xem HD 7.

    Chủ sử dụng lao động phải có: giấy phép sử dụng lao động, hợp đồng lao động ký với bạn, bảo hiểm tai nạn và bảo hiểm tai nạn lao động cho bạn. Xem HD 6.

    Thiếu một giấy, hoặc một giấy hết hạn, là bạn chưa được làm việc hợp pháp. Nhắn TT để xem giấy tờ của bạn.

    Tìm việc hợp pháp: hỏi Trung tâm Dịch vụ việc làm tỉnh của bạn.

## 2) Giấy thông hành biên giới

guide-border-pass-title = Giấy thông hành biên giới
guide-border-pass-sms = cuakhau: Giấy thông hành xuất nhập cảnh vùng biên giới do Việt Nam cấp cho cư dân biên giới. Là giấy đầu tiên, các giấy ở Trung Quốc đều cấp theo giấy này. Hạn: xem ngày ghi trên giấy. Làm lại ở Việt Nam trước khi hết hạn. Không đưa ai giữ giấy. Hỏi Phòng LĐTBXH huyện. Nhắn TT.
guide-border-pass-body =
    Giấy thông hành xuất nhập cảnh vùng biên giới là giấy do Việt Nam cấp cho cư dân vùng biên giới. Đây là giấy đầu tiên bạn cần.

    Công an và cơ quan lao động Trung Quốc cấp giấy cư trú và giấy phép lao động dựa trên giấy này. Vì vậy giấy thông hành phải luôn còn hạn.

    Dùng để làm gì: nhập cảnh Quảng Tây qua cửa khẩu song phương hoặc quốc tế. Mỗi lần vào, bạn được ở 72 giờ.

    Ai cấp, nộp ở đâu, lệ phí bao nhiêu: hỏi công an xã, Phòng Lao động - Thương binh và Xã hội huyện hoặc Trung tâm Dịch vụ việc làm tỉnh nơi bạn ở.

    Thời hạn: là ngày hết hạn ghi trên giấy. Nhắn TT để xem ngày đã ghi nhận.

    Gia hạn hoặc làm lại: làm ở Việt Nam, trước khi giấy hết hạn. Giấy hết hạn thì bạn không còn làm việc hợp pháp.

    Luôn mang giấy bên mình. Giữ một bản chụp. Không ai được giữ giấy của bạn. Xem HD 10.

## 3) Giấy cư trú tạm thời và giấy lưu trú 180 ngày

guide-residence-permit-title = Giấy cư trú, giấy lưu trú
guide-residence-permit-sms = cuakhau: Giấy cư trú tạm thời do công an cấp theo giấy thông hành: hạn 6 tháng, đi lại nhiều lần, gia hạn tối đa 2 lần, mỗi lần 3 tháng, tổng 12 tháng. Ở khu Sùng Tả có giấy lưu trú đến 180 ngày. Gia hạn tại trung tâm một cửa trước khi hết hạn. Nhắn TT.
guide-residence-permit-body =
    Bạn cần một trong hai giấy: giấy phép cư trú tạm thời hoặc giấy lưu trú 180 ngày.

    Giấy phép cư trú tạm thời cho người nước ngoài ở vùng biên giới Quảng Tây:
    1) Do công an cấp, dựa trên giấy thông hành biên giới của bạn.
    2) Hạn 6 tháng, được đi lại nhiều lần.
    3) Gia hạn tối đa 2 lần, mỗi lần 3 tháng. Tổng cộng nhiều nhất 12 tháng.
    4) Gia hạn tại trung tâm một cửa, trước ngày hết hạn. Mang giấy thông hành và giấy cư trú.
    5) Đã gia hạn đủ 2 lần thì không gia hạn được nữa. Bạn phải xuất cảnh trước ngày hết hạn. Muốn quay lại làm việc, hỏi trung tâm.

    Giấy lưu trú 180 ngày:
    Người Việt làm việc trong khu Sùng Tả của khu thương mại tự do Quảng Tây có thể xin giấy lưu trú hạn tối đa 180 ngày.
    Chỉ cần điền một tờ khai trên mạng. Giấy sức khỏe và giấy lưu trú được phát tại một cửa ở trung tâm Bằng Tường.
    Cách gia hạn: hỏi trung tâm.

    Nhắn TT để xem ngày hết hạn và số lần còn được gia hạn.

## 4) Giấy phép lao động

guide-work-permit-title = Giấy phép lao động
guide-work-permit-sms = cuakhau: Giấy phép nhập cảnh làm việc do cơ quan nhân lực và an sinh xã hội Trung Quốc cấp theo giấy thông hành, tại trung tâm một cửa. Hạn: xem ngày ghi trên giấy. Gia hạn tại trung tâm trước khi hết hạn. Đổi chủ thì hỏi trung tâm có cần giấy mới. Nhắn TT.
guide-work-permit-body =
    Giấy phép lao động (giấy phép nhập cảnh làm việc cho cư dân biên giới) cho phép bạn làm việc ở Quảng Tây.

    Ai cấp: cơ quan nhân lực và an sinh xã hội của Trung Quốc, dựa trên giấy thông hành biên giới của bạn. Bạn làm giấy này tại trung tâm một cửa ở Đông Hưng hoặc Bằng Tường. Xem HD 7.

    Thời hạn: là ngày hết hạn ghi trên giấy. Nhắn TT để xem ngày đã ghi nhận. Dịch vụ sẽ nhắn tin nhắc trước khi hết hạn.

    Gia hạn:
    1) Đến trung tâm trước ngày hết hạn.
    2) Mang giấy thông hành, giấy cư trú hoặc giấy lưu trú, giấy phép lao động cũ và hợp đồng lao động.
    3) Trung tâm sẽ cho biết cần thêm giấy gì.

    Đổi chủ sử dụng lao động: hỏi trung tâm xem có cần giấy phép mới không. Giấy phép ghi tên chủ khác thì chưa được làm cho chủ mới.

    Giấy thông hành hết hạn thì giấy phép lao động cũng không dùng được.

## 5) Giấy chứng nhận sức khỏe

guide-health-certificate-title = Giấy chứng nhận sức khỏe
guide-health-certificate-sms = cuakhau: Giấy chứng nhận sức khỏe do cơ quan kiểm nghiệm kiểm dịch xuất nhập cảnh cấp sau khi khám. Thường có hạn 12 tháng, xem ngày ghi trên giấy. Trước khi hết hạn, khám lại tại trung tâm một cửa để được cấp giấy mới. Thiếu giấy này là chưa được làm việc. Nhắn TT.
guide-health-certificate-body =
    Giấy chứng nhận sức khỏe cho biết bạn đã khám sức khỏe theo quy định của Trung Quốc.

    Ai cấp: cơ quan kiểm nghiệm kiểm dịch xuất nhập cảnh. Cơ quan này đặt ra tiêu chuẩn khám. Họ có mặt tại trung tâm một cửa ở Đông Hưng và Bằng Tường.

    Thời hạn: thường là 12 tháng. Ngày hết hạn ghi trên giấy mới là ngày đúng. Nhắn TT để xem ngày đã ghi nhận.

    Gia hạn:
    1) Trước ngày hết hạn, đến trung tâm một cửa.
    2) Khám lại sức khỏe.
    3) Nhận giấy mới.
    Chi phí và giờ khám: hỏi trung tâm.

    Ở trung tâm Bằng Tường, giấy sức khỏe được phát cùng một cửa với giấy lưu trú, sau một tờ khai trên mạng.

    Giấy sức khỏe hết hạn thì bạn chưa được làm việc hợp pháp, dù các giấy khác còn hạn.

## 6) Giấy tờ của chủ sử dụng lao động

guide-employer-papers-title = Giấy tờ của chủ sử dụng
guide-employer-papers-sms = cuakhau: Chủ thuê bạn phải có: giấy phép sử dụng lao động do cơ quan nhân lực và an sinh xã hội cấp; hợp đồng lao động ký với bạn; bảo hiểm tai nạn và bảo hiểm tai nạn lao động do chủ mua cho bạn. Thiếu một thứ là bạn chưa làm việc hợp pháp. Nhắn TT để kiểm tra.
guide-employer-papers-body =
    Không chỉ bạn, chủ sử dụng lao động cũng phải có đủ giấy tờ. Người ta gọi là "một giấy phép, hai bảo hiểm".

    Chủ phải có:
    1) Giấy phép sử dụng lao động là cư dân biên giới, do cơ quan nhân lực và an sinh xã hội Trung Quốc cấp.
    2) Hợp đồng lao động ký với từng người lao động, trong đó có bạn.
    3) Bảo hiểm tai nạn cho bạn, do chủ mua.
    4) Bảo hiểm tai nạn lao động cho bạn, do chủ mua.

    Thiếu một thứ, hoặc một thứ hết hạn, là bạn chưa được làm việc hợp pháp, dù giấy của bạn đủ. Khi bị tai nạn, bạn cũng không được bảo vệ.

    Bạn nên làm gì:
    1) Đề nghị chủ cho xem giấy phép và bảo hiểm.
    2) Giữ một bản hợp đồng lao động.
    3) Nhắn TT để xem chủ đã có đủ giấy chưa.
    4) Nếu thiếu, báo chủ và báo trung tâm một cửa. Xem HD 7.

## 7) Trung tâm một cửa

guide-centres-title = Trung tâm một cửa
guide-centres-sms = cuakhau: Trung tâm quản lý, dịch vụ lao động biên giới ở Đông Hưng (Phòng Thành Cảng) và Bằng Tường (Sùng Tả): công an, cơ quan lao động, kiểm dịch, phiên dịch, công ty lao động hợp pháp ở cùng một nơi. Làm và gia hạn giấy tờ tại đây. Địa chỉ, giờ, số điện thoại: trong ứng dụng, USSD.
guide-centres-body =
    Trung tâm quản lý, dịch vụ lao động biên giới là nơi "một cửa" cho người lao động Việt Nam. Chính quyền thành phố Phòng Thành Cảng và Sùng Tả lập ra các trung tâm này.

    Có trung tâm ở Đông Hưng (Phòng Thành Cảng) và Bằng Tường (Sùng Tả). Sau này có thể có thêm ở Bách Sắc và vùng biên giới khác.

    Tại một nơi có:
    1) Công an: cấp giấy cư trú tạm thời.
    2) Cơ quan nhân lực và an sinh xã hội: cấp giấy phép lao động và giấy phép sử dụng lao động cho chủ.
    3) Cơ quan kiểm dịch: khám và cấp giấy sức khỏe.
    4) Phiên dịch.
    5) Công ty lao động hợp pháp và nơi đăng tin việc làm.

    Ở trung tâm Bằng Tường, bạn điền một tờ khai trên mạng, rồi nhận giấy sức khỏe, giấy lưu trú tại một cửa.

    Hãy đến trung tâm để làm giấy mới, gia hạn, hỏi việc làm hoặc khi gặp khó khăn.

    Địa chỉ, giờ làm việc và số điện thoại của từng trung tâm có trong danh sách ngay dưới đây.

## 8) Cửa khẩu

guide-border-gates-title = Chỉ đi qua cửa khẩu
guide-border-gates-sms = cuakhau: Chỉ vào Trung Quốc qua cửa khẩu song phương hoặc quốc tế, mang giấy thông hành biên giới, ví dụ cửa khẩu Hữu Nghị - Hữu Nghị Quan (Bằng Tường). Khi vào được ở 72 giờ. Không đi đường mòn, lối mở, không theo người dẫn đường trái phép. Đi trái phép là làm việc trái phép.
guide-border-gates-body =
    Chỉ vào Quảng Tây qua cửa khẩu song phương hoặc cửa khẩu quốc tế, và mang giấy thông hành biên giới còn hạn.

    Cửa khẩu có tên trong tài liệu: cửa khẩu Hữu Nghị (Lạng Sơn) - Hữu Nghị Quan (Bằng Tường).
    Muốn biết cửa khẩu nào gần bạn cho người có giấy thông hành đi qua: hỏi Trung tâm Dịch vụ việc làm tỉnh hoặc trung tâm một cửa.

    Khi vào, bạn được ở 72 giờ. Trong thời gian đó, hãy đến trung tâm một cửa để xin giấy cư trú. Xem HD 3.

    Không bao giờ:
    1) Đi đường mòn, lối mở, qua sông suối.
    2) Theo người dẫn đường, người buôn lậu hay "cò" đưa qua biên giới.
    3) Đi theo kiểu du lịch rồi ở lại làm việc.

    Vào trái phép thì ở và làm việc cũng là trái phép. Bạn không có hợp đồng, không có bảo hiểm, dễ bị quỵt lương và có thể bị bắt, bị trả về.

    Nếu ai rủ bạn đi đường tắt, nhắn BC kèm nội dung để báo. Xem HD 11.

## 9) Đường dây nóng

# Số điện thoại lấy từ kế hoạch năm 2022 của Sở LĐTBXH Lạng Sơn (Phòng Lao động, Việc làm - Bảo hiểm xã hội).

guide-hotlines-title = Số điện thoại cần gọi
guide-hotlines-sms = cuakhau: Gặp khó khăn khi làm việc ở Trung Quốc, gọi Sở LĐTBXH Lạng Sơn 02053 775 469 hoặc 02053 876 682 (từ máy Trung Quốc: +84 2053 775 469). Tỉnh khác: hỏi Phòng LĐTBXH huyện. Số của trung tâm một cửa: nhắn HD 7. Báo cò lao động: nhắn BC.
guide-hotlines-body =
    Khi gặp khó khăn, bạn có thể gọi:

    1) Sở Lao động - Thương binh và Xã hội Lạng Sơn (Phòng Lao động, Việc làm - Bảo hiểm xã hội): 02053 775 469 hoặc 02053 876 682.
    Gọi từ máy Trung Quốc: +84 2053 775 469 hoặc +84 2053 876 682.

    2) Người ở Quảng Ninh, Cao Bằng, Hà Giang: hỏi Phòng Lao động - Thương binh và Xã hội huyện hoặc Trung tâm Dịch vụ việc làm tỉnh của bạn.

    3) Trung tâm một cửa ở Đông Hưng và Bằng Tường: có công an, cơ quan lao động và phiên dịch. Số điện thoại có trong danh sách trung tâm. Nhắn HD 7.

    4) Khẩn cấp ở Trung Quốc: gọi 110 (công an) hoặc 120 (cấp cứu).

    Gọi khi: bị giữ giấy tờ, bị nợ lương, bị đòi tiền đặt cọc, bị tai nạn, giấy tờ hết hạn, hoặc bị cò lừa.

    Báo cò lao động trái phép: nhắn BC kèm nội dung. Xem giấy tờ của bạn: nhắn TT.

## 10) Quyền của bạn

guide-rights-title = Quyền của người lao động
guide-rights-sms = cuakhau: Quyền của bạn: có hợp đồng lao động bằng văn bản; chủ mua bảo hiểm tai nạn và bảo hiểm tai nạn lao động; được trả đủ lương, đúng hạn. Không ai được giữ hộ chiếu hay giấy thông hành của bạn. Không ai được đòi tiền đặt cọc. Bị vi phạm: nhắn BC hoặc gọi 02053 775 469.
guide-rights-body =
    Khi làm việc hợp pháp ở Quảng Tây, bạn có các quyền sau.

    1) Hợp đồng lao động bằng văn bản, ký giữa bạn và chủ. Giữ một bản.
    2) Chủ phải mua bảo hiểm tai nạn và bảo hiểm tai nạn lao động cho bạn.
    3) Được trả đủ lương, đúng hạn, như trong hợp đồng. Lương trả bằng nhân dân tệ. Hỏi ngân hàng về nhận lương, đổi tiền và gửi tiền về nhà.
    4) Giấy tờ là của bạn. Không ai được giữ hộ chiếu hay giấy thông hành của bạn: chủ, cò, cai thầu đều không được.
    5) Không ai được bắt bạn nộp tiền đặt cọc hay phí quá cao.
    6) Được biết sự thật về công việc. Không được hứa hẹn sai.
    7) Được nhờ trung tâm một cửa giúp, có phiên dịch.

    Nếu bị vi phạm:
    1) Ghi lại ngày, tên người, số tiền.
    2) Nhắn BC kèm nội dung.
    3) Gọi Sở LĐTBXH Lạng Sơn 02053 775 469 hoặc 02053 876 682.
    4) Đến trung tâm một cửa. Xem HD 7.

## 11) Cảnh giác với cò lao động trái phép

guide-recruiter-warning-title = Cảnh giác cò lao động
guide-recruiter-warning-sms = cuakhau: Cẩn thận cò lao động trái phép nếu: đòi phí cao hoặc tiền cọc, giữ giấy tờ của bạn, hứa lương quá cao, bảo đi du lịch hoặc đi không giấy, không có hợp đồng, dẫn đi đường mòn. Kiểm tra: nhắn KT số giấy phép hoặc tên. Báo: nhắn BC nội dung.
guide-recruiter-warning-body =
    "Cò" lao động trái phép thường không có giấy phép, lừa người đi làm rồi bỏ mặc.

    Dấu hiệu nguy hiểm:
    1) Đòi phí cao hoặc tiền đặt cọc.
    2) Đòi giữ hộ chiếu, giấy thông hành hay giấy tờ khác.
    3) Hứa lương quá cao, việc quá nhẹ.
    4) Bảo bạn đi theo kiểu du lịch, thăm thân, đi học, hoặc đi không cần giấy tờ.
    5) Không có hợp đồng lao động.
    6) Dẫn đi đường mòn, lối mở, tránh cửa khẩu.
    7) Không làm giấy phép lao động, giấy cư trú cho bạn.
    8) Đưa đi làm ở sòng bạc hoặc chỗ mại dâm.

    Trước khi đi:
    1) Kiểm tra công ty hay người môi giới: nhắn KT kèm số giấy phép hoặc tên.
    2) Tìm việc qua Trung tâm Dịch vụ việc làm tỉnh hoặc trung tâm một cửa ở Quảng Tây.

    Báo cò trái phép: nhắn BC kèm nội dung, ví dụ tên, số điện thoại, nơi gặp, số tiền đã đòi. Hoặc gọi Sở LĐTBXH Lạng Sơn 02053 775 469.

## 12) Khi giấy tờ hết hạn

guide-papers-lapsed-title = Khi giấy tờ hết hạn
guide-papers-lapsed-sms = cuakhau: Giấy tờ hết hạn: ngừng làm việc, đừng làm chui. Đến ngay trung tâm một cửa hoặc nơi cấp giấy, mang giấy thông hành, giấy cư trú hoặc lưu trú, giấy phép lao động, giấy sức khỏe, hợp đồng. Gọi 02053 775 469 nếu cần giúp. Nhắn TT để xem giấy nào hết hạn.
guide-papers-lapsed-body =
    Nếu một giấy tờ đã hết hạn, bạn chưa được làm việc hợp pháp.

    1) Ngừng làm việc. Đừng làm chui, đừng trốn.
    2) Nhắn TT để xem giấy nào hết hạn, và giấy của chủ có thiếu không.
    3) Đến ngay trung tâm một cửa hoặc nơi cấp giấy. Xem HD 7.
    4) Mang theo: giấy thông hành, giấy cư trú hoặc giấy lưu trú, giấy phép lao động, giấy sức khỏe, hợp đồng lao động, tên và địa chỉ của chủ.
    5) Cần giúp: gọi Sở LĐTBXH Lạng Sơn 02053 775 469 hoặc 02053 876 682.

    Trường hợp riêng:
    Giấy thông hành hết hạn: phải làm lại ở Việt Nam. Hỏi trung tâm cách về đúng quy định.
    Giấy cư trú đã gia hạn đủ 2 lần: không gia hạn được nữa, phải xuất cảnh. Hỏi trung tâm cách quay lại.
    Giấy của chủ hết hạn hoặc chủ chưa mua bảo hiểm: không phải lỗi của bạn. Báo chủ và báo trung tâm.

    Nếu chủ giữ giấy tờ hoặc không cho bạn đi: nhắn BC kèm nội dung.
