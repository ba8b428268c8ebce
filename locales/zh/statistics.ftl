# 定期统计报表（CSV）：列标题与栏目名称。
stats-header-section = 栏目
stats-header-key = 分组
stats-header-detail = 明细
stats-header-count = 数量
stats-workers-total = 已登记务工人员总数
stats-workers-without-residence-permit = 无有效居留证或停留证的务工人员
stats-workers-registered = 新登记务工人员（省、县）
stats-workers-active-by-zone = 各区域持有效证件的务工人员
stats-papers-issued = 新发证件
stats-papers-renewed = 续期证件
stats-papers-expired = 过期证件
stats-papers-revoked = 吊销证件
stats-renewal-applications = 续期申请（按状态）
stats-reports-by-category = 举报（按类别）
stats-reports-by-state = 举报（按状态）
stats-sms = 短信（按状态）
