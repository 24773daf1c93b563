package plaintext

import "testing"

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"  Printer\r\n broken\t\x00now ":   "Printer broken now",
		"invoice\u202egpj.exe":             "invoice gpj.exe",
		"bad \xff byte":                    "bad \uFFFD byte",
		"":                                 "",
		"\n\n":                             "",
		"Grüße aus Köln":                   "Grüße aus Köln",
		"tab\u00a0and\u2028line separator": "tab and line separator",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}
