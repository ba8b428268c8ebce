# USSD 界面（最多 182 个字符）。
ussd-main =
    cuakhau
    1 证件状态
    2 工作岗位
    3 合法务工指南
    4 查询中介机构
    5 举报违法行为
    6 Ngôn ngữ / 语言 / Language
ussd-invalid = 选择无效。
ussd-nav-back = 0 返回  00 主菜单
ussd-nav-more = 9 下一页  0 返回  00 主菜单
ussd-not-registered = 此号码尚未注册 cuakhau。请通过应用或到服务中心注册。
ussd-paper-days = { $paper }：剩 { $days } 天
ussd-paper-lapsed = { $paper }：已过期
ussd-jobs-none = 暂无合适岗位。请在应用中更新技能。
ussd-job-detail = { $title }。{ $zone }，{ $min }-{ $max } 元/月，{ $start } 开工。
ussd-job-apply = 1 申请
ussd-job-applied = 已申请：{ $title }（编号 { $code }）。结果将以短信通知。
ussd-topics = 指南：
ussd-agency-prompt = 请输入许可证号或机构名称：
ussd-report-categories =
    举报类别：
    1 拖欠工资
    2 扣押护照证件
    3 收费过高
    4 虚假承诺
    5 无劳动合同
    6 诱导非法越境
    7 工作不安全
    8 其他
ussd-report-details = 请简要输入内容，或按 1 跳过：
ussd-report-who =
    1 匿名
    2 留下号码以接收结果
ussd-report-no-details = （USSD 举报，无内容）
ussd-report-filed = 已收到举报 { $case }。结果将以短信通知。
ussd-report-filed-anonymous = 已收到举报 { $case }。密码：{ $secret }，请记下。
ussd-language =
    1 Tiếng Việt
    2 中文
    3 English
ussd-busy = 系统繁忙，请稍后再试。
ussd-too-long = 请求过长，请重新拨号。
