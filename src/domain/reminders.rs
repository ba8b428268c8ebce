//! When expiry reminders are due and when they may be sent: offsets before the expiry,
//! a delivery window in the worker's own time zone, and no burst after an outage.
//! Pure; the planner and sender of the reminders issue build on it.
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The reminder after the expiry day: "expired — what to do now", sent once.
pub const EXPIRED: i64 = -1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderRules {
    /// Days before the expiry; 0 is the expiry day itself.
    pub offsets_days: Vec<i64>,
    pub window_start: NaiveTime,
    pub window_end: NaiveTime,
    /// The employers' weekly digest: ISO weekday (1 = Monday) and hour, Guangxi time.
    pub digest_weekday: u32,
    pub digest_hour: u32,
}

impl Default for ReminderRules {
    fn default() -> Self {
        ReminderRules {
            offsets_days: vec![30, 14, 7, 3, 1, 0],
            window_start: NaiveTime::from_hms_opt(8, 0, 0).expect("valid time"),
            window_end: NaiveTime::from_hms_opt(20, 0, 0).expect("valid time"),
            digest_weekday: 1,
            digest_hour: 9,
        }
    }
}

/// The local day a reminder belongs to: `offset` days before the expiry, or the day
/// after it for `EXPIRED`.
pub fn reminder_day(expires_on: NaiveDate, offset: i64) -> NaiveDate {
    if offset == EXPIRED {
        expires_on + Days::new(1)
    } else {
        expires_on - Days::new(offset.max(0) as u64)
    }
}

/// `local` on `day` in `tz`, as UTC; a time skipped by a clock change moves on an hour.
fn at(tz: Tz, day: NaiveDate, local: NaiveTime) -> DateTime<Utc> {
    let naive = day.and_time(local);
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + chrono::TimeDelta::hours(1)))
                .earliest()
        })
        .expect("an hour later exists")
        .with_timezone(&Utc)
}

/// When a reminder becomes due: the start of the delivery window on its day.
pub fn due_at(expires_on: NaiveDate, offset: i64, tz: Tz, rules: &ReminderRules) -> DateTime<Utc> {
    at(tz, reminder_day(expires_on, offset), rules.window_start)
}

/// The earliest moment at or after `now` inside the worker's delivery window: now if
/// the window is open, else the next window's start.
pub fn next_window(now: DateTime<Utc>, tz: Tz, rules: &ReminderRules) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    let (day, time) = (local.date_naive(), local.time());
    if time < rules.window_start {
        at(tz, day, rules.window_start)
    } else if time < rules.window_end {
        now
    } else {
        at(tz, day + Days::new(1), rules.window_start)
    }
}

/// The reminders to plan for a paper expiring on `expires_on`, as of `today` (the
/// worker's local date): those whose day has not passed, and the expired notice.
pub fn planned_offsets(expires_on: NaiveDate, today: NaiveDate, rules: &ReminderRules) -> Vec<i64> {
    let mut offsets: Vec<i64> = rules
        .offsets_days
        .iter()
        .copied()
        .filter(|&o| reminder_day(expires_on, o) >= today)
        .collect();
    offsets.push(EXPIRED);
    offsets
}

/// Of the reminders due and unsent for one paper, only the latest goes out; the older
/// ones are skipped (after an outage, one message rather than a burst). Returns
/// (to send, to skip).
pub fn after_outage(due_unsent: &[i64]) -> (Option<i64>, Vec<i64>) {
    // The latest reminder is the one closest to (or past) the expiry: the smallest
    // offset, with EXPIRED the very latest.
    let latest = due_unsent
        .iter()
        .copied()
        .min_by_key(|&o| if o == EXPIRED { i64::MIN } else { o });
    let skipped = due_unsent
        .iter()
        .copied()
        .filter(|o| Some(*o) != latest)
        .collect();
    (latest, skipped)
}

/// Whether the weekly digest is due at `now` (Guangxi time), and the week it is for
/// (`2026-W48`), which makes it once a week.
pub fn digest_week(now: DateTime<Utc>, rules: &ReminderRules) -> Option<String> {
    use chrono::Datelike;
    let local = now.with_timezone(&chrono_tz::Asia::Shanghai);
    let due = local.weekday().number_from_monday() == rules.digest_weekday
        && chrono::Timelike::hour(&local) >= rules.digest_hour
        && local.time() < rules.window_end;
    due.then(|| {
        format!(
            "{}-W{:02}",
            local.iso_week().year(),
            local.iso_week().week()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, 0).unwrap()
    }

    #[test]
    fn reminders_fall_at_eight_in_the_workers_own_time_zone() {
        let r = ReminderRules::default();
        let expiry = d(2026, 6, 30);
        // 08:00 in Guangxi is 00:00 UTC; in Vietnam it is 01:00 UTC.
        assert_eq!(
            due_at(expiry, 7, chrono_tz::Asia::Shanghai, &r),
            utc(2026, 6, 23, 0, 0)
        );
        assert_eq!(
            due_at(expiry, 7, chrono_tz::Asia::Ho_Chi_Minh, &r),
            utc(2026, 6, 23, 1, 0)
        );
        assert_eq!(
            due_at(expiry, 0, chrono_tz::Asia::Shanghai, &r),
            utc(2026, 6, 30, 0, 0)
        );
        assert_eq!(
            due_at(expiry, EXPIRED, chrono_tz::Asia::Shanghai, &r),
            utc(2026, 7, 1, 0, 0)
        );
    }

    #[test]
    fn nothing_goes_out_at_night() {
        let r = ReminderRules::default();
        let tz = chrono_tz::Asia::Shanghai;
        // 02:00 local → 08:00 the same day.
        assert_eq!(
            next_window(utc(2026, 6, 22, 18, 0), tz, &r),
            utc(2026, 6, 23, 0, 0)
        );
        // 10:30 local → now.
        assert_eq!(
            next_window(utc(2026, 6, 23, 2, 30), tz, &r),
            utc(2026, 6, 23, 2, 30)
        );
        // 21:00 local → 08:00 the next day.
        assert_eq!(
            next_window(utc(2026, 6, 23, 13, 0), tz, &r),
            utc(2026, 6, 24, 0, 0)
        );
        // 12:30 UTC is 20:30 in Guangxi (closed) but 19:30 in Vietnam (open).
        assert_eq!(
            next_window(utc(2026, 6, 23, 12, 30), tz, &r),
            utc(2026, 6, 24, 0, 0)
        );
        assert_eq!(
            next_window(utc(2026, 6, 23, 12, 30), chrono_tz::Asia::Ho_Chi_Minh, &r),
            utc(2026, 6, 23, 12, 30)
        );
    }

    #[test]
    fn only_the_reminders_still_ahead_are_planned() {
        let r = ReminderRules::default();
        assert_eq!(
            planned_offsets(d(2026, 6, 30), d(2026, 5, 1), &r),
            vec![30, 14, 7, 3, 1, 0, EXPIRED]
        );
        assert_eq!(
            planned_offsets(d(2026, 6, 30), d(2026, 6, 25), &r),
            vec![3, 1, 0, EXPIRED]
        );
        assert_eq!(
            planned_offsets(d(2026, 6, 30), d(2026, 7, 5), &r),
            vec![EXPIRED]
        );
    }

    #[test]
    fn the_digest_is_due_on_its_weekday_from_its_hour() {
        let r = ReminderRules::default();
        // Monday 2026-11-23: 08:59 Guangxi no, 09:00 yes, 20:00 no; Tuesday no.
        assert_eq!(digest_week(utc(2026, 11, 23, 0, 59), &r), None);
        assert_eq!(
            digest_week(utc(2026, 11, 23, 1, 0), &r).as_deref(),
            Some("2026-W48")
        );
        assert_eq!(digest_week(utc(2026, 11, 23, 12, 0), &r), None);
        assert_eq!(digest_week(utc(2026, 11, 24, 2, 0), &r), None);
    }

    #[test]
    fn after_an_outage_only_the_most_recent_reminder_goes() {
        assert_eq!(after_outage(&[14, 7, 3]), (Some(3), vec![14, 7]));
        assert_eq!(after_outage(&[1, 0, EXPIRED]), (Some(EXPIRED), vec![1, 0]));
        assert_eq!(after_outage(&[7]), (Some(7), vec![]));
        assert_eq!(after_outage(&[]), (None, vec![]));
    }
}
