package slaclock

import (
	"strings"
	"testing"
	"time"

	"supportal/internal/store"
)

func TestParseTarget(t *testing.T) {
	for text, want := range map[string]int64{"": 0, "8": 480, "4:30": 270, " 0:05 ": 5, "100": 6000} {
		if got, err := ParseTarget(text); err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %d, %v; want %d", text, got, err, want)
		}
		if text != "" && text != " 0:05 " {
			if back, _ := ParseTarget(FormatTarget(want)); back != want {
				t.Errorf("FormatTarget(%d) = %q does not read back", want, FormatTarget(want))
			}
		}
	}
	for _, bad := range []string{"acht", "4:3", "4:60", "-1", "1.5", "4:30:00", "99999"} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) accepted", bad)
		}
	}
}

func TestPickPrefersContractThenPriority(t *testing.T) {
	general := store.SLAPolicy{ID: 1}
	generalHigh := store.SLAPolicy{ID: 2, Priority: "high"}
	contract := store.SLAPolicy{ID: 3, ContractID: 9}
	contractHigh := store.SLAPolicy{ID: 4, ContractID: 9, Priority: "high"}
	for _, tc := range []struct {
		list     []store.SLAPolicy
		priority string
		want     int64
	}{
		{[]store.SLAPolicy{general, generalHigh, contract, contractHigh}, "high", 4},
		{[]store.SLAPolicy{general, generalHigh, contract}, "high", 3},
		{[]store.SLAPolicy{general, generalHigh}, "high", 2},
		{[]store.SLAPolicy{general, generalHigh}, "low", 1},
		{[]store.SLAPolicy{general, generalHigh}, "", 1},
	} {
		if p, ok := Pick(tc.list, tc.priority); !ok || p.ID != tc.want {
			t.Errorf("Pick for %q: policy %d, want %d", tc.priority, p.ID, tc.want)
		}
	}
	if _, ok := Pick(nil, "high"); ok {
		t.Error("a policy picked from none")
	}
}

func TestParseHolidays(t *testing.T) {
	got, err := ParseHolidays("2026-12-24 Heiligabend\n\n  2026-12-31\n")
	if err != nil || len(got) != 2 || got[0].Name != "Heiligabend" || got[1].Day.Format(time.DateOnly) != "2026-12-31" {
		t.Errorf("ParseHolidays = %+v, %v", got, err)
	}
	if _, err := ParseHolidays("2026-12-24 ok\n24.12.2026 Heiligabend"); err == nil || !containsAll(err.Error(), "line 2", "24.12.2026") {
		t.Errorf("a German date: %v", err)
	}
}

func TestStateAt(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for due, want := range map[time.Time]State{
		{}:                        StateNone,
		now.Add(-time.Minute):     StateBreached,
		now:                       StateBreached,
		now.Add(30 * time.Minute): StateSoon,
		now.Add(3 * time.Hour):    StateOK,
	} {
		if got := StateAt(due, now); got != want {
			t.Errorf("StateAt(%v) = %q, want %q", due, got, want)
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
