# USSD screens (at most 182 characters).
ussd-main =
    cuakhau
    1 My papers
    2 Jobs
    3 Working legally
    4 Check a recruiter
    5 Report abuse
    6 Ngôn ngữ / 语言 / Language
ussd-invalid = Invalid choice.
ussd-nav-back = 0 Back  00 Menu
ussd-nav-more = 9 More  0 Back  00 Menu
ussd-not-registered = This number is not registered with cuakhau. Register in the app or at an employment centre.
ussd-paper-days = { $paper }: { $days } days left
ussd-paper-lapsed = { $paper }: lapsed
ussd-jobs-none = No matching jobs yet. Add your skills in the app.
ussd-job-detail = { $title }. { $zone }, { $min }-{ $max } CNY/month, starts { $start }.
ussd-job-apply = 1 Apply
ussd-job-applied = Applied: { $title } (code { $code }). You will get an SMS with the outcome.
ussd-topics = Guidance:
ussd-agency-prompt = Type a licence number or an agency name:
ussd-report-categories =
    What happened:
    1 Wages not paid
    2 Passport or papers kept
    3 Excessive fees
    4 False promises
    5 No contract
    6 Illegal crossing offered
    7 Unsafe work
    8 Other
ussd-report-details = Type a few words, or 1 to skip:
ussd-report-who =
    1 Anonymous
    2 Leave my number for the outcome
ussd-report-no-details = (reported by USSD, no text)
ussd-report-filed = Report { $case } received. You will get an SMS with the outcome.
ussd-report-filed-anonymous = Report { $case } received. Secret: { $secret }. Write it down.
ussd-language =
    1 Tiếng Việt
    2 中文
    3 English
ussd-busy = Service busy, please try again later.
ussd-too-long = Request too long. Please dial again.
