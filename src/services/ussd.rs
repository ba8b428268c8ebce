//! USSD sessions: where the caller is (`domain::ussd::walk`), what that screen shows
//! (the same use cases as REST and SMS: status, jobs, guidance, the registry, reports),
//! and the screen itself (`views::ussd`). Runs on a database connection; the caller's
//! remembered language and a session's filed report come from the key-value store.
use std::{
    cell::{Cell, OnceCell, RefCell, RefMut},
    sync::Arc,
};

use chrono::NaiveDate;
use fluent_bundle::FluentValue;

use crate::{
    config::SmsSettings,
    db::{
        DbConnection,
        models::users::{self, UserRow},
    },
    domain::{
        Phone, Role,
        guidance::TOPICS,
        papers::PaperRules,
        ussd::{JOBS_PER_PAGE, Node, REPORT_CATEGORIES, Sizes, TOPICS_PER_PAGE, Walk, walk},
    },
    error::{ApiError, ApiResult},
    i18n::{self, Lang},
    services::{
        agencies, guidance,
        guidance_cache::{GuidanceCache, Item},
        job_applications, jobs,
        reports::{self, Channel, Filed, NewReport, Reporter},
        sessions, status,
        tokens::Principal,
    },
    views::{
        status::{paper_name, verdict_summary},
        ussd::{Nav, Screen, compose, for_phone, paged, phrase},
    },
};

/// One request of a session.
pub struct Request<'a> {
    pub phone: Option<&'a Phone>,
    pub inputs: &'a [String],
    /// The language remembered for this phone, if any.
    pub remembered: Option<Lang>,
    /// A report this session filed already (replays show it again, never file twice).
    pub filed: Earlier,
    /// The caller's account, if kept from an earlier request (else it is looked up);
    /// shared with the cache that keeps it, not copied per request.
    pub account: Option<Arc<UserRow>>,
}

/// The screen, and what the caller must remember.
pub struct Response {
    pub screen: Screen,
    /// Chosen in this session: remember it for the phone.
    pub language: Option<Lang>,
    /// Filed by this request: remember it for the session.
    pub filed: Option<Filed>,
    /// The caller's account as looked up by this request: worth keeping.
    pub looked_up: Option<Arc<UserRow>>,
}

pub struct Deps<'a> {
    pub today: NaiveDate,
    pub rules: &'a PaperRules,
    pub settings: &'a SmsSettings,
    pub guidance: &'a GuidanceCache,
    /// The guidance version read from the key-value store for this request.
    pub guidance_version: Option<&'a str>,
}

/// What one request came to: a screen, or the news that the screen needs more.
pub enum Answer {
    Ready(Box<Response>),
    /// On a pass without a connection: the screen needs the database.
    NeedsDb,
    /// The screen files a report: ask the key-value store whether this session did so
    /// already (it is asked only then, not on every request).
    NeedsEarlier,
}

/// Whether this session filed a report already, as far as it has been asked.
#[derive(Debug, Clone)]
pub enum Earlier {
    NotAsked,
    Nothing,
    Filed(Filed),
}

struct Ctx<'c, 'd> {
    /// `None` on the first pass, which answers from what is kept in memory.
    conn: RefCell<Option<&'c mut DbConnection>>,
    /// Something asked for the connection on a pass without one.
    missing: Cell<bool>,
    /// The screen files a report, and whether the session did so already was not asked.
    asks_earlier: Cell<bool>,
    deps: &'d Deps<'d>,
    lang: Lang,
    worker: Option<Principal>,
    jobs: OnceCell<Vec<jobs::Match>>,
    status: OnceCell<Vec<String>>,
}

impl<'c> Ctx<'c, '_> {
    /// The connection, or (on a pass without one) an error that `respond` turns into
    /// `Answer::NeedsDb`: what was made without it is thrown away.
    fn db(&self) -> ApiResult<RefMut<'_, &'c mut DbConnection>> {
        RefMut::filter_map(self.conn.borrow_mut(), Option::as_mut).map_err(|_| {
            self.missing.set(true);
            ApiError::DatabaseUnavailable("answered from memory first".into())
        })
    }

    fn jobs(&self) -> &[jobs::Match] {
        self.jobs.get_or_init(|| {
            let Some(w) = &self.worker else {
                return Vec::new();
            };
            let Ok(mut conn) = self.db() else {
                return Vec::new();
            };
            jobs::for_worker(*conn, w, self.lang, self.deps.today, self.deps.rules, 30)
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "ussd: jobs failed");
                    Vec::new()
                })
        })
    }

    /// The status screen's pages.
    fn status(&self) -> &[String] {
        self.status.get_or_init(|| {
            let text = match &self.worker {
                None => i18n::t(self.lang, "ussd-not-registered", &[]),
                Some(w) => {
                    let Ok(mut conn) = self.db() else {
                        return Vec::new();
                    };
                    match status::worker_status(
                        *conn,
                        w.id.as_str(),
                        self.deps.today,
                        self.deps.rules,
                        status::NumberVisibility::None,
                    ) {
                        Ok(s) => status_text(self.lang, &s),
                        Err(e) => {
                            tracing::error!(error = %e, "ussd: status failed");
                            i18n::t(self.lang, "ussd-busy", &[])
                        }
                    }
                }
            };
            paged(self.lang, &text)
        })
    }

    /// A topic's pages, made once per language and guidance version.
    fn topic_pages(&self, number: usize) -> Arc<[String]> {
        let Some(topic) = TOPICS.get(number - 1) else {
            return Arc::from(vec![String::new()]);
        };
        self.guidance(Item::Topic(number), || {
            let t = guidance::current(*self.db()?, topic, self.lang)?;
            Ok(paged(self.lang, &format!("{}. {}", t.title, t.body)))
        })
        .unwrap_or_else(|e| {
            if !self.missing.get() {
                tracing::error!(error = %e, "ussd: guidance failed");
            }
            Arc::from(vec![String::new()])
        })
    }

    /// The topics' titles, one short line each, kept as the phone shows them (made
    /// plain once, not on every request for the list).
    fn titles(&self) -> ApiResult<Arc<[String]>> {
        self.guidance(Item::Titles, || {
            Ok(guidance::list(*self.db()?, self.lang)?
                .iter()
                .map(|topic| short(&for_phone(self.lang, &topic.title), 34))
                .collect())
        })
    }

    fn guidance(
        &self,
        item: Item,
        make: impl FnOnce() -> ApiResult<Vec<String>>,
    ) -> ApiResult<Arc<[String]>> {
        let d = self.deps;
        d.guidance
            .get_or_make((self.lang, item), d.guidance_version, || Ok(make()?.into()))
    }
}

impl Sizes for Ctx<'_, '_> {
    fn pages(&self, node: &Node) -> usize {
        match node {
            Node::Status { .. } => self.status().len(),
            Node::Jobs { .. } => self.jobs().len().div_ceil(JOBS_PER_PAGE).max(1),
            Node::Topics { .. } => TOPICS.len().div_ceil(TOPICS_PER_PAGE),
            Node::Topic { number, .. } => self.topic_pages(*number).len(),
            _ => 1,
        }
    }
    fn jobs(&self) -> usize {
        Ctx::jobs(self).len()
    }
    fn topics(&self) -> usize {
        TOPICS.len()
    }
}

fn status_text(lang: Lang, s: &status::WorkerStatus) -> String {
    let mut lines = vec![verdict_summary(lang, s.verdict.legal)];
    for p in &s.papers {
        let name = paper_name(lang, p.assessment.kind);
        lines.push(match p.assessment.days_left {
            Some(d) if d >= 0 => i18n::t(
                lang,
                "ussd-paper-days",
                &[("paper", name.into()), ("days", FluentValue::from(d))],
            ),
            _ => i18n::t(lang, "ussd-paper-lapsed", &[("paper", name.into())]),
        });
    }
    // Blank lines keep each line whole and on its own when paged.
    lines.join("\n\n")
}

fn lang_of(n: usize) -> Lang {
    match n {
        2 => Lang::Zh,
        3 => Lang::En,
        _ => Lang::Vi,
    }
}

/// Words after a number, cut between words to `max` characters.
fn short(text: &str, max: usize) -> String {
    crate::domain::guidance::pages(text, max)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Answers one request of a session. Without a connection it answers only from what is
/// kept in memory (the caller's account, guidance pages) and says `NeedsDb` when the
/// screen needs more; nothing is written on such a pass.
pub fn respond(
    conn: Option<&mut DbConnection>,
    req: Request<'_>,
    deps: &Deps<'_>,
) -> ApiResult<Answer> {
    let (user, looked_up, conn) = match (req.account, req.phone, conn) {
        (Some(kept), _, conn) => (Some(kept), false, conn),
        (None, Some(_), None) => return Ok(Answer::NeedsDb),
        (None, Some(p), Some(conn)) => (
            users::find_by_phone(conn, p.as_str())?.map(Arc::new),
            true,
            Some(conn),
        ),
        (None, None, conn) => (None, false, conn),
    };
    let worker = match &user {
        Some(u) if u.role == Role::Worker.as_str() => Some(sessions::principal(u)?),
        _ => None,
    };
    let preferred = req
        .remembered
        .or_else(|| user.as_ref().and_then(|u| Lang::parse(&u.language)))
        .unwrap_or_default();
    let inputs: Vec<&str> = req.inputs.iter().map(String::as_str).collect();
    // Walk in the preferred language; a language chosen on the way changes how later
    // screens page, so walk again in it. The context of the last walk renders the
    // screen, so what it fetched (jobs, status) is fetched once.
    let mut ctx = new_ctx(conn, deps, preferred, worker.clone());
    let mut walked = walk(&inputs, &ctx);
    let chosen = walked.as_ref().ok().and_then(|w| w.language).map(lang_of);
    if let Some(lang) = chosen.filter(|l| *l != preferred) {
        if ctx.missing.get() {
            return Ok(Answer::NeedsDb);
        }
        ctx = new_ctx(ctx.conn.into_inner(), deps, lang, worker);
        walked = walk(&inputs, &ctx);
    }
    let looked_up = user.filter(|_| looked_up);
    let rendered = match walked {
        Ok(w) => render(&ctx, &w, req.phone, req.filed).map(|(screen, filed)| Response {
            screen,
            language: w.language.map(lang_of),
            filed,
            looked_up,
        }),
        Err(_) => {
            let lang = ctx.lang;
            Ok(Response {
                screen: compose(
                    lang,
                    &i18n::t(lang, "ussd-too-long", &[]),
                    Nav::None,
                    false,
                    true,
                ),
                language: None,
                filed: None,
                looked_up,
            })
        }
    };
    if ctx.asks_earlier.get() {
        return Ok(Answer::NeedsEarlier);
    }
    if ctx.missing.get() {
        return Ok(Answer::NeedsDb);
    }
    rendered.map(|r| Answer::Ready(Box::new(r)))
}

fn new_ctx<'c, 'd>(
    conn: Option<&'c mut DbConnection>,
    deps: &'d Deps<'d>,
    lang: Lang,
    worker: Option<Principal>,
) -> Ctx<'c, 'd> {
    Ctx {
        conn: RefCell::new(conn),
        missing: Cell::new(false),
        asks_earlier: Cell::new(false),
        deps,
        lang,
        worker,
        jobs: OnceCell::new(),
        status: OnceCell::new(),
    }
}

fn render(
    ctx: &Ctx<'_, '_>,
    w: &Walk,
    phone: Option<&Phone>,
    filed: Earlier,
) -> ApiResult<(Screen, Option<Filed>)> {
    let lang = ctx.lang;
    let t = |id: &'static str| phrase(lang, id);
    let screen = |body: &str, nav: Nav| compose(lang, body, nav, w.invalid, false);
    let page_nav = |page: usize, pages: usize| {
        if page + 1 < pages {
            Nav::More
        } else {
            Nav::Back
        }
    };
    Ok((
        match &w.node {
            Node::Main => screen(&t("ussd-main"), Nav::None),
            Node::Status { page } => {
                let pages = ctx.status();
                let body = pages.get(*page).cloned().unwrap_or_default();
                screen(&body, page_nav(*page, pages.len()))
            }
            Node::Jobs { page } => {
                if ctx.worker.is_none() {
                    screen(&t("ussd-not-registered"), Nav::Back)
                } else if ctx.jobs().is_empty() {
                    screen(&t("ussd-jobs-none"), Nav::Back)
                } else {
                    let lines: Vec<String> = ctx
                        .jobs()
                        .iter()
                        .enumerate()
                        .skip(page * JOBS_PER_PAGE)
                        .take(JOBS_PER_PAGE)
                        .map(|(i, m)| {
                            format!(
                                "{} {} {}-{}",
                                i - page * JOBS_PER_PAGE + 1,
                                short(&m.vacancy.title, 30),
                                m.vacancy.wage_min,
                                m.vacancy.wage_max
                            )
                        })
                        .collect();
                    let pages = ctx.jobs().len().div_ceil(JOBS_PER_PAGE);
                    screen(&lines.join("\n"), page_nav(*page, pages))
                }
            }
            Node::Job { index } => {
                let m = &ctx.jobs()[*index];
                let v = &m.vacancy;
                let detail = i18n::t(
                    lang,
                    "ussd-job-detail",
                    &[
                        ("title", short(&v.title, 60).into()),
                        ("zone", v.zone.clone().into()),
                        ("min", FluentValue::from(v.wage_min)),
                        ("max", FluentValue::from(v.wage_max)),
                        ("start", i18n::format_date(lang, v.start_on).into()),
                    ],
                );
                screen(&format!("{detail}\n{}", t("ussd-job-apply")), Nav::Back)
            }
            Node::Applied { index } => {
                let v = &ctx.jobs()[*index].vacancy;
                let worker = ctx.worker.as_ref().expect("jobs only for workers");
                let mut conn = ctx.db()?;
                job_applications::apply(
                    *conn,
                    worker,
                    &v.id,
                    job_applications::Channel::Ussd,
                    ctx.deps.today,
                    ctx.deps.settings,
                )?;
                let body = i18n::t(
                    lang,
                    "ussd-job-applied",
                    &[
                        ("title", short(&v.title, 60).into()),
                        ("code", v.code.clone().into()),
                    ],
                );
                compose(lang, &body, Nav::None, false, true)
            }
            Node::Topics { page } => {
                let titles = ctx.titles()?;
                let lines: Vec<String> = titles
                    .iter()
                    .enumerate()
                    .skip(page * TOPICS_PER_PAGE)
                    .take(TOPICS_PER_PAGE)
                    .map(|(i, title)| format!("{} {}", i - page * TOPICS_PER_PAGE + 1, title))
                    .collect();
                let pages = titles.len().div_ceil(TOPICS_PER_PAGE);
                screen(
                    &format!("{}\n{}", t("ussd-topics"), lines.join("\n")),
                    page_nav(*page, pages),
                )
            }
            Node::Topic { number, page } => {
                let pages = ctx.topic_pages(*number);
                let body = pages.get(*page).cloned().unwrap_or_default();
                screen(&body, page_nav(*page, pages.len()))
            }
            Node::AgencyPrompt => screen(&t("ussd-agency-prompt"), Nav::Back),
            Node::AgencyResult { query } => {
                let mut conn = ctx.db()?;
                let answer = agencies::lookup_text(*conn, query, lang, ctx.deps.today)?;
                let answer = answer
                    .trim_start_matches("cuakhau:")
                    .trim_start_matches("cuakhau：");
                let first = paged(lang, answer).into_iter().next().unwrap_or_default();
                screen(&first, Nav::Back)
            }
            Node::ReportCategory => screen(&t("ussd-report-categories"), Nav::Back),
            Node::ReportDetails { .. } => screen(&t("ussd-report-details"), Nav::Back),
            Node::ReportWho { .. } => screen(&t("ussd-report-who"), Nav::Back),
            Node::ReportFiled {
                category,
                details,
                anonymous,
            } => {
                let f = match filed {
                    Earlier::Filed(f) => f,
                    Earlier::NotAsked => {
                        ctx.asks_earlier.set(true);
                        return Err(ApiError::Internal(anyhow::anyhow!(
                            "ussd: filing without asking for an earlier report"
                        )));
                    }
                    Earlier::Nothing => {
                        let mut conn = ctx.db()?;
                        let f = reports::file(
                            *conn,
                            NewReport {
                                category: REPORT_CATEGORIES[category - 1].into(),
                                details: details.clone().unwrap_or_else(|| {
                                    i18n::t(lang, "ussd-report-no-details", &[])
                                }),
                                named_party: None,
                                agency_id: None,
                                place: None,
                                zone: None,
                                happened_on: None,
                                anonymous: *anonymous,
                            },
                            Reporter {
                                user_id: ctx.worker.as_ref().map(|w| w.id.0.clone()),
                                phone: phone.cloned(),
                            },
                            Channel::Ussd,
                            lang,
                            ctx.deps.today,
                        )?;
                        drop(conn);
                        return Ok((filed_screen(lang, &f), Some(f)));
                    }
                };
                return Ok((filed_screen(lang, &f), None));
            }
            Node::Language => screen(&t("ussd-language"), Nav::Back),
        },
        None,
    ))
}

fn filed_screen(lang: Lang, f: &Filed) -> Screen {
    let case = ("case", FluentValue::from(f.case_number.clone()));
    let body = match &f.secret {
        Some(s) => i18n::t(
            lang,
            "ussd-report-filed-anonymous",
            &[case, ("secret", s.clone().into())],
        ),
        None => i18n::t(lang, "ussd-report-filed", &[case]),
    };
    compose(lang, &body, Nav::None, false, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::guidance_cache;

    fn ask(inputs: &[&str], phone: Option<&Phone>, guidance: &GuidanceCache) -> Answer {
        let (rules, settings) = (PaperRules::default(), SmsSettings::default());
        let deps = Deps {
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            rules: &rules,
            settings: &settings,
            guidance,
            guidance_version: Some("7"),
        };
        let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
        let request = Request {
            phone,
            inputs: &inputs,
            remembered: Some(Lang::En),
            filed: Earlier::NotAsked,
            account: None,
        };
        respond(None, request, &deps).unwrap()
    }

    #[test]
    fn a_pass_without_a_connection_answers_from_memory_or_says_what_it_needs() {
        let guidance = guidance_cache::new();
        // The main menu needs nothing; the guidance titles only once they are kept.
        let Answer::Ready(main) = ask(&[], None, &guidance) else {
            panic!("the main menu needs no database");
        };
        assert!(!main.screen.end && main.looked_up.is_none());
        assert!(matches!(ask(&["3"], None, &guidance), Answer::NeedsDb));
        let titles: Arc<[String]> = Arc::from(vec!["Kept title".to_string(); 12]);
        guidance.put((Lang::En, Item::Titles), Some("7".into()), titles);
        let Answer::Ready(topics) = ask(&["3"], None, &guidance) else {
            panic!("kept titles need no database");
        };
        assert!(
            topics.screen.text.contains("Kept title"),
            "{}",
            topics.screen.text
        );
        // A phone whose account is not kept is looked up.
        let phone = Phone::parse("+84912345678").unwrap();
        assert!(matches!(ask(&[], Some(&phone), &guidance), Answer::NeedsDb));
        // Filing asks first whether this session filed already.
        let filing = ["5", "2", "Chu giu ho chieu", "1"];
        assert!(matches!(
            ask(&filing, None, &guidance),
            Answer::NeedsEarlier
        ));
    }
}
