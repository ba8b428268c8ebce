# Guidance topics for workers (SMS "HD 1" to "HD 12"): title, short SMS form and full text.

## 1) Legal steps

guide-legal-steps-title = How to work legally
guide-legal-steps-sms = cuakhau: To work legally in Guangxi: 1) Vietnamese border pass. 2) Enter at a bilateral or international gate, 72-hour stay. 3) Temporary residence permit or 180-day stay permit. 4) Work permit. 5) Health certificate. Employer needs an employer permit, your agreement, 2 insurances. Send TT.
guide-legal-steps-body =
    To work legally in Guangxi you need every paper below, in this order.

    1) Get the Vietnamese border-area exit/entry pass in Vietnam. See HD 2.
    2) Enter China only at a bilateral or international border gate. On entry you may stay 72 hours. See HD 8.
    3) Before the 72 hours end, get a temporary residence permit (6 months) from the police. In the Chongzuo zone you can get a stay permit of up to 180 days instead. See HD 3.
    4) Get a work permit from human resources and social security. See HD 4.
    5) Have a health check and get a health certificate from inspection and quarantine. See HD 5.

    The Chinese papers are issued at the one-stop centre in Dongxing or Pingxiang. See HD 7.

    Your employer must hold an employer permit, sign a labour agreement with you, and buy accident insurance and work-injury insurance for you. See HD 6.

    If one paper is missing or has lapsed, you are not working legally. Send TT to see your papers.

    To find a legal job, ask the employment service centre of your province in Vietnam.

## 2) Border pass

guide-border-pass-title = Border pass
guide-border-pass-sms = cuakhau: The border-area exit/entry pass is issued by Vietnam to border residents. It comes first: all Chinese papers are issued on it. Validity: the date on the pass. Renew in Vietnam before it lapses. Never let anyone keep it. Ask your district labour office. Send TT.
guide-border-pass-body =
    The border-area exit/entry pass is issued by Vietnam to residents of the border area. It is the first paper you need.

    The Chinese police and labour offices issue your residence permit and work permit on the strength of this pass. So the pass must always be valid.

    What it is for: entering Guangxi at a bilateral or international border gate. Each entry allows a stay of 72 hours.

    Who issues it, where to apply and the fee: ask your commune police, the district labour office (Phong LDTBXH) or the provincial employment service centre.

    How long it lasts: until the expiry date printed on it. Send TT to see the date on record.

    Renewal: apply again in Vietnam before it lapses. Once it lapses, you are no longer working legally.

    Always carry it. Keep a photo of it. No one may keep it for you. See HD 10.

## 3) Residence permit and stay permit

guide-residence-permit-title = Residence or stay permit
guide-residence-permit-sms = cuakhau: The temporary residence permit is issued by the police on your border pass: 6 months, multiple entries, renewable at most twice by 3 months, 12 months in all. In the Chongzuo zone a stay permit of up to 180 days exists. Renew at the one-stop centre before it lapses. Send TT.
guide-residence-permit-body =
    You need one of two papers: a temporary residence permit or a 180-day stay permit.

    Temporary residence permit for foreigners in the Guangxi border areas:
    1) Issued by the police, on the strength of your border pass.
    2) Valid 6 months, for multiple entries.
    3) Renewable at most twice, by 3 months each time. At most 12 months in all.
    4) Renew at the one-stop centre before it lapses. Bring your border pass and the permit.
    5) After two renewals it cannot be renewed again. You must leave China before it lapses. To come back to work, ask the centre.

    Stay permit of up to 180 days:
    Vietnamese workers in the Chongzuo zone of the Guangxi free-trade zone can get a stay permit valid up to 180 days.
    You fill in one online form. The health certificate and the stay permit are handed out at one window at the Pingxiang centre.
    How to renew it: ask the centre.

    Send TT to see the expiry date and the renewals left.

## 4) Work permit

guide-work-permit-title = Work permit
guide-work-permit-sms = cuakhau: The border resident entry work permit is issued by human resources and social security on your border pass, at the one-stop centre. Validity: the date on the permit. Renew at the centre before it lapses. If you change employer, ask the centre about a new permit. Send TT.
guide-work-permit-body =
    The work permit (border resident entry work permit) allows you to work in Guangxi.

    Who issues it: the Chinese human resources and social security office, on the strength of your border pass. You apply at the one-stop centre in Dongxing or Pingxiang. See HD 7.

    How long it lasts: until the expiry date printed on it. Send TT to see the date on record. The service texts you a reminder before it lapses.

    Renewal:
    1) Go to the centre before the expiry date.
    2) Bring your border pass, residence or stay permit, the old work permit and your labour agreement.
    3) The centre tells you if anything else is needed.

    Changing employer: ask the centre whether you need a new permit. A permit that names another employer does not let you work for the new one.

    If your border pass lapses, the work permit cannot be used either.

## 5) Health certificate

guide-health-certificate-title = Health certificate
guide-health-certificate-sms = cuakhau: The health certificate is issued after a health check by the entry-exit inspection and quarantine office. It usually lasts 12 months; the date on it counts. Before it lapses, have a new check at the one-stop centre. Without it you may not work. Send TT.
guide-health-certificate-body =
    The health certificate shows that you passed the health check required in China.

    Who issues it: the entry-exit inspection and quarantine office. It sets the standard for the check. Its staff work at the one-stop centres in Dongxing and Pingxiang.

    How long it lasts: usually 12 months. The expiry date printed on it is the one that counts. Send TT to see the date on record.

    Renewal:
    1) Before the expiry date, go to the one-stop centre.
    2) Have a new health check.
    3) Receive the new certificate.
    Ask the centre about the cost and the hours for checks.

    At the Pingxiang centre the health certificate is handed out at the same window as the stay permit, after one online form.

    If the health certificate lapses, you are not working legally, even if your other papers are valid.

## 6) Employer papers

guide-employer-papers-title = What the employer must hold
guide-employer-papers-sms = cuakhau: Your employer must hold an employer permit from human resources and social security, sign a labour agreement with you, and buy accident insurance and work-injury insurance for you. If one is missing you are not working legally. Send TT to check.
guide-employer-papers-body =
    Not only you: your employer must also hold valid papers. This is called "one permit, two insurances".

    The employer must have:
    1) A permit to employ border residents, from the Chinese human resources and social security office.
    2) A signed labour agreement with each worker, including you.
    3) Accident insurance for you, bought by the employer.
    4) Work-injury insurance for you, bought by the employer.

    If one of these is missing or has lapsed, you are not working legally, even if your own papers are valid. After an accident you would also have no cover.

    What you can do:
    1) Ask the employer to show the permit and the insurance.
    2) Keep your own copy of the labour agreement.
    3) Send TT to see whether the employer's papers are on record.
    4) If something is missing, tell the employer and the one-stop centre. See HD 7.

## 7) One-stop centres

guide-centres-title = One-stop centres
guide-centres-sms = cuakhau: The border-worker service centres in Dongxing (Fangchenggang) and Pingxiang (Chongzuo) put police, labour office, health inspection, translators and licensed labour companies in one place. Get and renew papers there. Address, hours, phone: in the app or USSD.
guide-centres-body =
    The border-worker management and service centres are the one-stop offices for Vietnamese workers. The city governments of Fangchenggang and Chongzuo set them up.

    There are centres in Dongxing (Fangchenggang) and Pingxiang (Chongzuo). More may open later in Baise and other border areas.

    In one place you find:
    1) The police: temporary residence permits.
    2) Human resources and social security: work permits, and employer permits for employers.
    3) Inspection and quarantine: health checks and health certificates.
    4) Translators.
    5) Licensed labour companies and a labour information platform.

    At the Pingxiang centre you fill in one online form, then collect the health certificate and the stay permit at one window.

    Go to a centre for new papers, renewals, job questions, or when you have a problem.

    The address, opening hours and phone number of every centre are listed right after this text.

## 8) Border gates

guide-border-gates-title = Use border gates only
guide-border-gates-sms = cuakhau: Enter China only at a bilateral or international border gate with your border pass, for example Huu Nghi - Youyiguan (Pingxiang). You may stay 72 hours. Never use trails or unofficial crossings, never follow smugglers. Entering illegally means working illegally.
guide-border-gates-body =
    Enter Guangxi only at a bilateral or international border gate, with a valid border pass.

    The gate named in the source documents: Huu Nghi (Lang Son) - Youyiguan (Pingxiang).
    To learn which gate near you is open to border-pass holders, ask the provincial employment service centre or the one-stop centre.

    On entry you may stay 72 hours. Within that time, go to the one-stop centre for a residence permit. See HD 3.

    Never:
    1) Cross by trails, unofficial crossings, rivers or streams.
    2) Follow a guide, smuggler or broker across the border.
    3) Go as a tourist and then stay on to work.

    If you enter illegally, your stay and your work are illegal too. You have no agreement and no insurance, wages are easily withheld, and you can be caught and sent back.

    If someone offers you a shortcut, report it: send BC with the details. See HD 11.

## 9) Hotlines

# Numbers from the 2022 plan of the Lang Son labour department (Labour, Employment and Social Insurance division).
guide-hotlines-title = Whom to call
guide-hotlines-sms = cuakhau: For problems at work in China call the Lang Son labour department (DOLISA) 02053 775 469 or 02053 876 682 (from a Chinese phone +84 2053 775 469). Other provinces: ask your district labour office. Centre phones: send HD 7. Report a black agent: send BC.
guide-hotlines-body =
    When you have a problem, you can call:

    1) Lang Son Department of Labour, Invalids and Social Affairs (DOLISA), Labour, Employment and Social Insurance division: 02053 775 469 or 02053 876 682.
    From a Chinese phone: +84 2053 775 469 or +84 2053 876 682.

    2) From Quang Ninh, Cao Bang or Ha Giang: ask your district labour office or the employment service centre of your province.

    3) The one-stop centres in Dongxing and Pingxiang: police, labour office and translators. Their phone numbers are in the centre list. Send HD 7.

    4) Emergency in China: call 110 (police) or 120 (ambulance).

    Call when your papers are kept from you, wages are unpaid, someone asks for a deposit, you have an accident, your papers lapse, or a recruiter cheats you.

    To report an illegal recruiter, send BC with the details. To see your papers, send TT.

## 10) Rights

guide-rights-title = Your rights
guide-rights-sms = cuakhau: Your rights: a written labour agreement; accident and work-injury insurance bought by the employer; full wages paid on time. No one may keep your passport or border pass. No one may ask you for a deposit. If this is broken: send BC or call 02053 775 469.
guide-rights-body =
    When you work legally in Guangxi, you have these rights.

    1) A written labour agreement between you and the employer. Keep a copy.
    2) Accident insurance and work-injury insurance, bought for you by the employer.
    3) Full wages, paid on time, as the agreement says. Wages are paid in yuan (CNY). Ask a bank about receiving wages, exchanging money and sending money home.
    4) Your papers belong to you. No one may keep your passport or border pass: not the employer, not a recruiter, not a labour boss.
    5) No one may make you pay a deposit or excessive fees.
    6) True information about the job. No false promises.
    7) Help from the one-stop centre, with a translator.

    If your rights are broken:
    1) Write down the date, the names and the amounts.
    2) Send BC with the details.
    3) Call the Lang Son labour department 02053 775 469 or 02053 876 682.
    4) Go to the one-stop centre. See HD 7.

## 11) Recruiter warning

guide-recruiter-warning-title = Beware of black agents
guide-recruiter-warning-sms = cuakhau: Beware of an illegal recruiter who asks big fees or a deposit, keeps your papers, promises too much, sends you as a tourist or without papers, gives no contract, or leads you by trails. Check one: send KT with the licence number or name. Report: send BC and the details.
guide-recruiter-warning-body =
    An illegal recruiter ("black agent") usually has no licence. Many cheat workers and then abandon them.

    Warning signs:
    1) Asks for big fees or a deposit.
    2) Wants to keep your passport, border pass or other papers.
    3) Promises wages that are too high or work that is too easy.
    4) Tells you to go as a tourist, visitor or student, or without papers.
    5) Gives you no labour agreement.
    6) Leads you by trails or unofficial crossings, away from the border gates.
    7) Does not get you a work permit or residence permit.
    8) Sends you to work in gambling or the sex trade.

    Before you go:
    1) Check the company or broker: send KT with the licence number or the name.
    2) Look for jobs through the provincial employment service centre or the one-stop centre in Guangxi.

    To report an illegal recruiter, send BC with the details: name, phone number, where you met, money asked. Or call the Lang Son labour department 02053 775 469.

## 12) Papers lapsed

guide-papers-lapsed-title = If your papers lapse
guide-papers-lapsed-sms = cuakhau: If a paper has lapsed, stop working and do not work illegally. Go at once to the one-stop centre or the issuing office with your border pass, residence or stay permit, work permit, health certificate and agreement. Help: 02053 775 469. Send TT to see what lapsed.
guide-papers-lapsed-body =
    If one of your papers has lapsed, you are not working legally.

    1) Stop working. Do not work illegally and do not hide.
    2) Send TT to see which paper has lapsed and whether the employer's papers are missing.
    3) Go at once to the one-stop centre or the issuing office. See HD 7.
    4) Bring your border pass, residence or stay permit, work permit, health certificate, labour agreement, and the employer's name and address.
    5) For help, call the Lang Son labour department 02053 775 469 or 02053 876 682.

    Special cases:
    Border pass lapsed: it must be renewed in Vietnam. Ask the centre how to go back properly.
    Residence permit already renewed twice: it cannot be renewed again, you must leave China. Ask the centre how to come back.
    Employer's permit lapsed or no insurance: this is not your fault. Tell the employer and the centre.

    If the employer keeps your papers or will not let you leave, send BC with the details.
