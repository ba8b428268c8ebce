paper-vn_border_pass = 边境地区出入境通行证
paper-cn_residence_permit = 临时居留证
paper-cn_stay_permit = 停留证
paper-cn_work_permit = 境外边民入境务工证
paper-cn_health_certificate = 健康检查证
paper-employer_permit = 聘用境外边民用工证
paper-labour_agreement = 劳动协议书
paper-accident_insurance = 意外伤害保险
paper-work_injury_insurance = 工伤商业保险

verdict-border_pass_invalid = 出入境通行证无效。
verdict-no_residence_or_stay_permit = 没有有效的临时居留证或停留证。
verdict-work_permit_invalid = 务工证无效。
verdict-work_permit_other_employer = 务工证所列用工单位不是现用工单位。
verdict-health_certificate_invalid = 健康检查证无效。
verdict-no_employment = 没有登记的用工单位。
verdict-employer_permit_invalid = 用工单位没有有效的用工证。
verdict-labour_agreement_invalid = 没有与用工单位签订的有效劳动协议。
verdict-accident_insurance_invalid = 用工单位未为其投保意外伤害保险。
verdict-work_injury_insurance_invalid = 用工单位未为其投保工伤商业保险。

verdict-legal = 可以合法务工。
verdict-not-legal = 目前不能合法务工。

next-step-all_in_order = 证件齐全，暂无需办理。
next-step-renew = { $paper }将于 { $days } 天后（{ $date }）到期，还可续期 { $renewals } 次。请到{ $centre }办理续期。
next-step-renew-unlimited = { $paper }将于 { $days } 天后（{ $date }）到期。请到{ $centre }办理续期。
next-step-must_exit = { $paper }将于 { $date } 到期且不能再续期，须在此之前出境。
next-step-obtain = 需要办理有效的{ $paper }。请联系{ $centre }。
next-step-ask_employer = 用工单位需补办证件或保险。请告知用工单位或联系{ $centre }。
centre-nearest = 最近的境外边民务工管理服务中心
