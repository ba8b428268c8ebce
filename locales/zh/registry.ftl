# 持证中介查询与举报（每条回复一条短信）。
agency-may-recruit = cuakhau：{ $name }（许可证 { $licence }）今天可以合法招工，许可证有效至 { $date }。仍请勿交押金，勿让他人保管证件。
agency-suspended = cuakhau：{ $name }（许可证 { $licence }）已被暂停，不得招工。请勿交钱。发送 BC 举报。
agency-revoked = cuakhau：{ $name }（许可证 { $licence }）许可证已被吊销，不得招工。请勿交钱或交出证件。发送 BC 举报。
agency-expired = cuakhau：{ $name }（{ $licence }）许可证已于 { $date } 过期，不得招工。请勿交钱。
agency-not-found = cuakhau：持证机构名单中没有“{ $query }”。不在名单上的机构不得招工。发送 BC 举报。
report-state-new = 已受理
report-state-investigating = 核查中
report-state-referred = 已移交主管部门
report-state-closed = 已办结
sms-report-filed = cuakhau：已收到举报 { $case }。有结果时将短信通知您。
sms-report-filed-anonymous = cuakhau：已收到匿名举报 { $case }，密码 { $secret }。请保存以查询进展。举报不保存您的号码。
sms-report-empty = cuakhau：举报请发送 BC 加内容，例如：BC 老板扣押护照。匿名举报发送 BC AN 加内容。
sms-report-moved = cuakhau：您的举报 { $case }：{ $state }。
sms-report-unknown = cuakhau：未找到您号码提交的该举报。匿名举报请在应用中用密码查询。
