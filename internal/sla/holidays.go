package sla

import "time"

// easter returns Easter Sunday of year (Gregorian calendar; the anonymous
// algorithm of Meeus, Jones and Butcher).
func easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// GermanHolidays returns the public holidays that every German state keeps
// in year, at midnight UTC (only their dates count). Holidays of single
// states (Epiphany, Corpus Christi, Reformation Day, …) are for the admin
// to add.
func GermanHolidays(year int) []time.Time {
	e := easter(year)
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	return []time.Time{
		day(time.January, 1),   // Neujahr
		e.AddDate(0, 0, -2),    // Karfreitag
		e.AddDate(0, 0, 1),     // Ostermontag
		day(time.May, 1),       // Tag der Arbeit
		e.AddDate(0, 0, 39),    // Christi Himmelfahrt
		e.AddDate(0, 0, 50),    // Pfingstmontag
		day(time.October, 3),   // Tag der Deutschen Einheit
		day(time.December, 25), // 1. Weihnachtstag
		day(time.December, 26), // 2. Weihnachtstag
	}
}
