package ticket_test

import (
	"testing"

	"supportal/internal/ticket"
)

func TestParseCallDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true}, {"5", 300, true}, {"4:30", 270, true}, {"0:07", 7, true}, {"1:02:03", 3723, true}, {" 12:05 ", 725, true},
		{"1440", 86400, true}, {"1441", 0, false}, {"4:75", 0, false}, {"4:5", 0, false}, {"-1", 0, false}, {"a:bc", 0, false},
		{"1:2:3:4", 0, false}, {"24:00:01", 0, false},
	} {
		got, ok := ticket.ParseCallDuration(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParseCallDuration(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
