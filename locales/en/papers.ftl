paper-vn_border_pass = border pass
paper-cn_residence_permit = temporary residence permit
paper-cn_stay_permit = stay permit
paper-cn_work_permit = work permit
paper-cn_health_certificate = health certificate
paper-employer_permit = employer permit
paper-labour_agreement = labour agreement
paper-accident_insurance = accident insurance
paper-work_injury_insurance = work-injury insurance

verdict-border_pass_invalid = The border pass is not valid.
verdict-no_residence_or_stay_permit = There is no valid residence or stay permit.
verdict-work_permit_invalid = The work permit is not valid.
verdict-work_permit_other_employer = The work permit names another employer, not the current one.
verdict-health_certificate_invalid = The health certificate is not valid.
verdict-no_employment = No current employer is recorded.
verdict-employer_permit_invalid = The employer holds no valid employer permit.
verdict-labour_agreement_invalid = There is no valid labour agreement with the employer.
verdict-accident_insurance_invalid = The employer has not taken out accident insurance for this worker.
verdict-work_injury_insurance_invalid = The employer has not taken out work-injury insurance for this worker.

verdict-legal = Allowed to work legally.
verdict-not-legal = Not allowed to work legally at present.

next-step-all_in_order = All papers are in order. Nothing to do now.
next-step-renew = The { $paper } expires in { $days } days ({ $date }); { $renewals } renewals left. Renew at { $centre }.
next-step-renew-unlimited = The { $paper } expires in { $days } days ({ $date }). Renew at { $centre }.
next-step-must_exit = The { $paper } expires on { $date } and cannot be renewed again: leave China before then.
next-step-obtain = A valid { $paper } is needed. Contact { $centre }.
next-step-ask_employer = The employer must complete its papers or insurance. Tell the employer or contact { $centre }.
centre-nearest = the nearest border-worker service centre
