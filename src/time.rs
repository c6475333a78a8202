//! Time. Changes are stamped in UTC as RFC 3339 text with milliseconds
//! (`2026-11-29T15:30:00.123Z`): they sort as text, which the store's merge
//! relies on. What people read (today, done dates, progress entries, export
//! dates) is the local date in the user's time zone (`TZ`, else the system's):
//! an official in Beijing at 07:30 on the 1st is on the 1st.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static START: OnceLock<Instant> = OnceLock::new();

/// Notes when the process started (`main` calls it first).
pub fn mark_start() {
    START.get_or_init(Instant::now);
}

/// Appends `what` and the milliseconds since the start to the file
/// `BRIEF_TRACE` names, when it names one: `bench/compare.sh` reads when the
/// files were listed, the first frame drawn and every file read.
pub fn trace(what: &str) {
    use std::io::Write;
    let Some(path) = std::env::var_os("BRIEF_TRACE") else {
        return;
    };
    let ms = since_start().as_secs_f64() * 1000.0;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{what} {ms:.1}");
    }
}

/// The time since [`mark_start`].
pub fn since_start() -> std::time::Duration {
    START.get_or_init(Instant::now).elapsed()
}

/// Now, in UTC.
pub fn now() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format_millis(i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
}

/// Milliseconds since the Unix epoch as a timestamp.
pub fn format_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let milli = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{milli:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The date part of a timestamp, as written: `2026-11-29`.
pub fn date_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// The user's time zone: `TZ`, else the system's, else UTC. Looked up once
/// (a library's every file asks for it; the lookup reads the zone's file).
pub fn zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
        .clone()
}

/// Today, in the user's time zone.
pub fn today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned_datetime(zone()).date()
}

/// The local date of a UTC stamp made by [`now`] (a done date, a progress
/// entry); the stamp's own date part when it does not parse.
pub fn local_date(timestamp: &str) -> String {
    date_in(timestamp, &zone())
}

fn date_in(timestamp: &str, zone: &jiff::tz::TimeZone) -> String {
    timestamp.parse::<jiff::Timestamp>().map_or_else(
        |_| date_of(timestamp).to_owned(),
        |t| t.to_zoned_datetime(zone.clone()).date().to_string(),
    )
}

/// Reads a `--today` value: `2026-11-30` (also `2026/11/30`, `20261130`).
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let t = text.trim();
    let normal = match t.len() {
        8 if t.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..])
        }
        _ => t.replace(['/', '.'], "-"),
    };
    normal
        .parse::<jiff::civil::Date>()
        .map_err(|_| format!("{text:?} is not a date (write it as 2026-11-30)"))
}

/// Howard Hinnant's days-to-civil conversion (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(format_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(format_millis(1_795_966_245_123), "2026-11-29T15:30:45.123Z");
        assert_eq!(date_of("2026-11-29T15:30:45.123Z"), "2026-11-29");
        assert!(now().starts_with("20"));
    }

    #[test]
    fn a_beijing_morning_is_already_the_first() {
        let beijing = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
        // 07:30 in Beijing on 1 December is 23:30 UTC on 30 November.
        assert_eq!(date_in("2026-11-30T23:30:00.000Z", &beijing), "2026-12-01");
        assert_eq!(
            date_in("2026-11-30T23:30:00.000Z", &jiff::tz::TimeZone::UTC),
            "2026-11-30"
        );
        assert_eq!(date_in("2026-11-30 hand-edited", &beijing), "2026-11-30");
    }

    #[test]
    fn dates_people_type() {
        let d = jiff::civil::date(2026, 11, 30);
        assert_eq!(parse_date("2026-11-30"), Ok(d));
        assert_eq!(parse_date("2026/11/30"), Ok(d));
        assert_eq!(parse_date("20261130"), Ok(d));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert!(parse_date("").is_err());
    }
}
