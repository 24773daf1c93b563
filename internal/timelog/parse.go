package timelog

import (
	"strconv"
	"strings"
	"time"
)

// MaxMinutes is the longest one entry may be: a whole day.
const MaxMinutes = 24 * 60

// ParseDuration reads a duration as agents type it: whole minutes ("90")
// or hours and minutes ("1:30"). It reports false for anything else, and
// for a duration outside 1 minute to MaxMinutes.
func ParseDuration(text string) (int64, bool) {
	text = strings.TrimSpace(text)
	hours, mins, colon := strings.Cut(text, ":")
	var total int64
	if colon {
		h, okH := digits(hours)
		m, okM := digits(mins)
		if !okH || !okM || len(mins) != 2 || m >= 60 || h > MaxMinutes/60 {
			return 0, false
		}
		total = h*60 + m
	} else {
		m, ok := digits(text)
		if !ok {
			return 0, false
		}
		total = m
	}
	return total, total >= 1 && total <= MaxMinutes
}

// digits reads a short run of decimal digits, nothing else.
func digits(s string) (int64, bool) {
	if s == "" || len(s) > 5 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// FormatDuration writes minutes as "1:30", the form ParseDuration reads.
func FormatDuration(minutes int64) string {
	return strconv.FormatInt(minutes/60, 10) + ":" + pad2(minutes%60)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Layouts of the time the work was done: a form's datetime-local value,
// or a day alone (the work counts at its start).
const (
	minuteLayout = "2006-01-02T15:04"
	dayLayout    = "2006-01-02"
)

// parseWorkedAt reads when the work was done, in loc.
func parseWorkedAt(text string, loc *time.Location) (time.Time, bool) {
	text = strings.TrimSpace(text)
	for _, layout := range []string{minuteLayout, dayLayout} {
		if t, err := time.ParseInLocation(layout, text, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// UnitsFor is how many units of unitMinutes each minutes of work take:
// every unit begun counts whole.
func UnitsFor(minutes, unitMinutes int64) int64 {
	if unitMinutes <= 0 {
		return 0
	}
	return (minutes + unitMinutes - 1) / unitMinutes
}
