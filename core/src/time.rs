//! Timestamps as schemes write them: Unix seconds, milliseconds, or RFC 3339 dates. No clock:
//! callers pass `now`.

use alloc::format;
use alloc::string::String;

use crate::Error;
use crate::scheme::TimestampFormat;

/// The timestamp `text` in Unix seconds (milliseconds are rounded down), or
/// `invalid_timestamp`. Numbers are plain decimal digits: no sign, no fraction, no exponent.
pub(crate) fn parse(text: &str, format: TimestampFormat) -> Result<u64, Error> {
    match format {
        TimestampFormat::Seconds => digits(text),
        TimestampFormat::Milliseconds => digits(text).map(|millis| millis / 1000),
        TimestampFormat::Rfc3339 => parse_rfc3339(text).ok_or(Error::InvalidTimestamp),
    }
}

/// Unix seconds written the way `format` writes them (RFC 3339 in UTC, `Z`).
pub(crate) fn format(seconds: u64, format: TimestampFormat) -> String {
    match format {
        TimestampFormat::Seconds => format!("{seconds}"),
        TimestampFormat::Milliseconds => format!("{}", u128::from(seconds) * 1000),
        TimestampFormat::Rfc3339 => {
            let days = seconds / 86_400;
            let (year, month, day) = civil_from_days(days);
            let rest = seconds % 86_400;
            format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
                rest / 3600,
                rest % 3600 / 60,
                rest % 60
            )
        }
    }
}

fn digits(text: &str) -> Result<u64, Error> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::InvalidTimestamp);
    }
    text.parse().map_err(|_| Error::InvalidTimestamp)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`t` and `z` too, as RFC 3339 allows) at or after
/// 1970, in Unix seconds; the fraction is dropped.
fn parse_rfc3339(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<u64> {
        let part = text.get(from..from + len)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let separated =
        |at: usize, expected: &[u8]| bytes.get(at).is_some_and(|b| expected.contains(b));
    if !(separated(4, b"-")
        && separated(7, b"-")
        && separated(10, b"Tt")
        && separated(13, b":")
        && separated(16, b":"))
    {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let days_in_month = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    // 60 seconds: a leap second, which Unix time folds into the next.
    if year < 1970 || day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = text.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .filter(|&end| end > 0)?;
        rest = fraction.get(end..)?;
    }
    let offset_seconds: i64 = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let field = |a: u8, b: u8| -> Option<i64> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (hours, minutes) = (field(*h1, *h2)?, field(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    let local = days_from_civil(year, month, day)? * 86_400 + hour * 3600 + minute * 60 + second;
    // Local time minus its offset is UTC.
    u64::try_from(i64::try_from(local).ok()?.checked_sub(offset_seconds)?).ok()
}

/// Days since 1970-01-01 of a date at or after it (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_and_honours_offsets() {
        let rfc = TimestampFormat::Rfc3339;
        assert_eq!(parse("1970-01-01T00:00:00Z", rfc), Ok(0));
        // Box's published vector's timestamp.
        assert_eq!(parse("2020-01-01T00:00:00-07:00", rfc), Ok(1_577_862_000));
        assert_eq!(parse("2020-01-01T07:00:00.123456Z", rfc), Ok(1_577_862_000));
        assert_eq!(parse("2024-02-29t12:30:45+05:30", rfc), Ok(1_709_190_045));
        for seconds in [0, 951_782_400, 1_709_190_045, 4_102_444_799] {
            assert_eq!(parse(&format(seconds, rfc), rfc), Ok(seconds));
        }
        assert_eq!(format(1_577_862_000, rfc), "2020-01-01T07:00:00Z");
        for bad in [
            "",
            "2020-01-01",
            "2020-01-01T00:00:00",
            "2023-02-29T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T00:00:00+2400",
            "2020-01-01T00:00:00.Z",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:00:00+00:01",
            "+020-01-01T00:00:00Z",
            "2020-01-01T00:00:00Z ",
        ] {
            assert_eq!(parse(bad, rfc), Err(Error::InvalidTimestamp), "{bad}");
        }
    }

    #[test]
    fn milliseconds_round_down_to_seconds() {
        let ms = TimestampFormat::Milliseconds;
        assert_eq!(parse("1633519811129", ms), Ok(1_633_519_811));
        assert_eq!(format(1_633_519_811, ms), "1633519811000");
        assert_eq!(parse("-1", ms), Err(Error::InvalidTimestamp));
    }
}
