//! The status answer with its sentences in the reader's language.
use fluent_bundle::FluentValue;
use serde::Serialize;

use crate::{
    domain::verdict::NextStep,
    i18n::{self, Lang},
    services::status::{PaperLine, WorkerStatus},
};

#[derive(Debug, Serialize)]
pub struct FailureView {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::domain::papers::PaperKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::domain::papers::PaperStatus>,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct VerdictView {
    pub legal: bool,
    pub summary: String,
    pub legal_until: Option<chrono::NaiveDate>,
    pub failures: Vec<FailureView>,
}

#[derive(Debug, Serialize)]
pub struct NextStepView {
    #[serde(flatten)]
    pub step: NextStep,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct PaperLineView {
    #[serde(flatten)]
    pub line: PaperLine,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct StatusView {
    pub worker_id: String,
    pub on: chrono::NaiveDate,
    pub papers: Vec<PaperLineView>,
    pub verdict: VerdictView,
    pub next_step: NextStepView,
}

/// Each failing condition with its sentence in `lang`.
pub fn failure_views(lang: Lang, verdict: &crate::domain::verdict::Verdict) -> Vec<FailureView> {
    verdict
        .failures
        .iter()
        .map(|f| FailureView {
            code: f.code,
            kind: f.kind,
            status: f.status,
            message: i18n::t(lang, &format!("verdict-{}", f.code), &[]),
        })
        .collect()
}

/// "Allowed to work legally" or not, in `lang`.
pub fn verdict_summary(lang: Lang, legal: bool) -> String {
    i18n::t(
        lang,
        if legal {
            "verdict-legal"
        } else {
            "verdict-not-legal"
        },
        &[],
    )
}

pub fn paper_name(lang: Lang, kind: crate::domain::papers::PaperKind) -> String {
    i18n::t(lang, &format!("paper-{}", kind.as_str()), &[])
}

/// The next step as one sentence; `centre` is where to go (a centre's name).
pub fn next_step_text(lang: Lang, step: &NextStep, centre: Option<&str>) -> String {
    let centre = centre
        .map(str::to_string)
        .unwrap_or_else(|| i18n::t(lang, "centre-nearest", &[]));
    let date = |d| FluentValue::from(i18n::format_date(lang, d));
    let centre_arg = || ("centre", FluentValue::from(centre.clone()));
    match step {
        NextStep::AllInOrder { .. } => i18n::t(lang, "next-step-all_in_order", &[]),
        NextStep::Renew {
            kind,
            days_left,
            renewals_left: Some(n),
            renew_by,
        } => i18n::t(
            lang,
            "next-step-renew",
            &[
                ("paper", paper_name(lang, *kind).into()),
                ("days", (*days_left).into()),
                ("date", date(*renew_by)),
                ("renewals", (*n).into()),
                centre_arg(),
            ],
        ),
        NextStep::Renew {
            kind,
            days_left,
            renewals_left: None,
            renew_by,
        } => i18n::t(
            lang,
            "next-step-renew-unlimited",
            &[
                ("paper", paper_name(lang, *kind).into()),
                ("days", (*days_left).into()),
                ("date", date(*renew_by)),
                centre_arg(),
            ],
        ),
        NextStep::MustExit { kind, by } => i18n::t(
            lang,
            "next-step-must_exit",
            &[
                ("paper", paper_name(lang, *kind).into()),
                ("date", date(*by)),
            ],
        ),
        NextStep::Obtain { kind } => i18n::t(
            lang,
            "next-step-obtain",
            &[("paper", paper_name(lang, *kind).into()), centre_arg()],
        ),
        NextStep::AskEmployer { .. } => i18n::t(lang, "next-step-ask_employer", &[centre_arg()]),
    }
}

/// The status as one SMS: the verdict, the first failing condition, the next step. No
/// paper numbers, ever.
pub fn sms_text(s: &WorkerStatus, lang: Lang, centre: Option<&str>) -> String {
    let mut parts = vec![verdict_summary(lang, s.verdict.legal)];
    if let Some(f) = s.verdict.failures.first() {
        parts.push(i18n::t(lang, &format!("verdict-{}", f.code), &[]));
    }
    parts.push(next_step_text(lang, &s.next_step, centre));
    format!("cuakhau: {}", parts.join(" "))
}

impl StatusView {
    pub fn render(s: WorkerStatus, lang: Lang, centre: Option<&str>) -> StatusView {
        let summary = verdict_summary(lang, s.verdict.legal);
        StatusView {
            worker_id: s.worker_id,
            on: s.on,
            verdict: VerdictView {
                legal: s.verdict.legal,
                summary,
                legal_until: s.verdict.legal_until,
                failures: failure_views(lang, &s.verdict),
            },
            next_step: NextStepView {
                message: next_step_text(lang, &s.next_step, centre),
                step: s.next_step,
            },
            papers: s
                .papers
                .into_iter()
                .map(|line| PaperLineView {
                    name: paper_name(lang, line.assessment.kind),
                    line,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::papers::PaperKind;

    #[test]
    fn next_steps_read_well_in_every_language() {
        let step = NextStep::Renew {
            kind: PaperKind::CnResidencePermit,
            days_left: 9,
            renewals_left: Some(1),
            renew_by: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        };
        let vi = next_step_text(Lang::Vi, &step, Some("Trung tâm Bằng Tường"));
        assert_eq!(
            vi,
            "Giấy phép cư trú tạm thời hết hạn sau 9 ngày (30/06/2026). Còn 1 lần gia hạn. Hãy gia hạn tại Trung tâm Bằng Tường."
        );
        let zh = next_step_text(Lang::Zh, &step, None);
        assert!(
            zh.contains("2026年6月30日") && zh.contains("最近的"),
            "{zh}"
        );
        let exit = NextStep::MustExit {
            kind: PaperKind::CnResidencePermit,
            by: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        };
        assert!(next_step_text(Lang::En, &exit, None).contains("leave China before"));
    }
}
