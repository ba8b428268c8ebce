//! Reporting periods (seed 002: monthly, quarterly, half-yearly, yearly reports), as
//! calendar periods in a time zone: [start, end) in days and in UTC instants.
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Quarter,
    Half,
    Year,
}

impl Period {
    fn months(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Half => 6,
            Period::Year => 12,
        }
    }
}

/// A period's days and the UTC instants that bound them in its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Bounds {
    pub start: NaiveDate,
    /// The first day after the period.
    pub end: NaiveDate,
    #[serde(skip)]
    pub start_utc: DateTime<Utc>,
    #[serde(skip)]
    pub end_utc: DateTime<Utc>,
}

/// `from` must open a calendar period of that length (1 Jan/Apr/Jul/Oct for quarters,
/// 1 Jan/Jul for halves, 1 Jan for years); `None` otherwise.
pub fn bounds(period: Period, from: NaiveDate, tz: Tz) -> Option<Bounds> {
    let months = period.months();
    if from.day() != 1 || !(from.month() - 1).is_multiple_of(months) {
        return None;
    }
    let end = from.checked_add_months(Months::new(months))?;
    let at = |d: NaiveDate| {
        tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some(Bounds {
        start: from,
        end,
        start_utc: at(from)?,
        end_utc: at(end)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_are_calendar_periods_in_the_zone() {
        let sh = chrono_tz::Asia::Shanghai;
        let b = bounds(Period::Month, d(2026, 11, 1), sh).unwrap();
        assert_eq!((b.start, b.end), (d(2026, 11, 1), d(2026, 12, 1)));
        assert_eq!(b.start_utc.to_rfc3339(), "2026-10-31T16:00:00+00:00");
        assert_eq!(b.end_utc.to_rfc3339(), "2026-11-30T16:00:00+00:00");
        assert_eq!(
            bounds(Period::Quarter, d(2026, 10, 1), sh).unwrap().end,
            d(2027, 1, 1)
        );
        assert_eq!(
            bounds(Period::Half, d(2026, 7, 1), sh).unwrap().end,
            d(2027, 1, 1)
        );
        assert_eq!(
            bounds(Period::Year, d(2026, 1, 1), sh).unwrap().end,
            d(2027, 1, 1)
        );
        assert!(bounds(Period::Month, d(2026, 11, 2), sh).is_none());
        assert!(bounds(Period::Quarter, d(2026, 11, 1), sh).is_none());
        assert!(bounds(Period::Half, d(2026, 4, 1), sh).is_none());
        assert!(bounds(Period::Year, d(2026, 7, 1), sh).is_none());
    }
}
