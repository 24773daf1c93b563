package model_test

import (
	"testing"

	"supportal/internal/model"
)

func TestSamePhoneMatchesNationalAndInternationalForms(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"+49 170 1234567", "+491701234567", true},
		{"0049 (170) 123-4567", "+49 170 1234567", true},
		{"0170 1234567", "+49 170 1234567", true},
		{"+49 170 1234567", "0170/1234567", true},
		{"0170 1234567", "0170 1234567", true},
		{"0170 1234567", "0171 1234567", false},
		{"0170 1234567", "+49 170 1234568", false},
		{"+49 170 1234567", "+43 170 1234567", false},
		{"1234", "1234", false}, // an extension
		{"", "", false},
		{"0170 1234567", "+1701234567", false}, // no country code left
	} {
		if got := model.SamePhone(tc.a, tc.b); got != tc.want {
			t.Errorf("SamePhone(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
