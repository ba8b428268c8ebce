# Periodic figures (CSV): column headers and section names.
stats-header-section = Section
stats-header-key = Group
stats-header-detail = Detail
stats-header-count = Count
stats-workers-total = Workers registered in all
stats-workers-without-residence-permit = Workers without a valid residence or stay permit
stats-workers-registered = Workers newly registered (province, district)
stats-workers-active-by-zone = Workers with papers in force, by zone
stats-papers-issued = Papers issued
stats-papers-renewed = Papers renewed
stats-papers-expired = Papers expired
stats-papers-revoked = Papers revoked
stats-renewal-applications = Renewal applications by state
stats-reports-by-category = Abuse reports by category
stats-reports-by-state = Abuse reports by state
stats-sms = SMS by state
