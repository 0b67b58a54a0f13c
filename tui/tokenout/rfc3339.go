package tokenout

import (
	"time"

	"github.com/tokentui/tokentui/client"
)

// appendTime writes a time as JSON.md promises: RFC 3339 with a four-digit
// year, or null for no time and for one out of range (client.ValidTime).
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() || !client.ValidTime(t) {
		return append(b, "null"...)
	}
	return appendUTC(b, t.Unix())
}

// appendUTC writes the time secs seconds after the unix epoch (a valid
// time: after it, within year 9999) quoted, as
// t.UTC().AppendFormat(b, time.RFC3339) writes it ("2006-01-02T15:04:05Z",
// no fraction), by arithmetic alone: the general formatter took a tenth
// of list --json's time, for three dates a token. TestAppendUTC and
// FuzzAppendTime hold it to AppendFormat.
func appendUTC(b []byte, secs int64) []byte {
	y, m, d := civil(secs / 86400)
	s := int(secs % 86400)
	b = append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = appendTwo(b, m, '-')
	b = appendTwo(b, d, 'T')
	b = appendTwo(b, s/3600, ':')
	b = appendTwo(b, s/60%60, ':')
	b = appendTwo(b, s%60, 'Z')
	return append(b, '"')
}

// appendTwo writes n (0 to 99) in two digits, then sep.
func appendTwo(b []byte, n int, sep byte) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10), sep)
}

// civil is the proleptic Gregorian date of days (≥ 0) since 1970-01-01:
// Howard Hinnant's civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html), on eras of
// 400 years counted from 0000-03-01.
func civil(days int64) (year, month, day int) {
	z := int(days) + 719468
	era := z / 146097
	doe := z - era*146097                                  // day of era, 0 to 146096
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of era, 0 to 399
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the year from 1 March
	mp := (5*doy + 2) / 153                                // month from March, 0 to 11
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}
