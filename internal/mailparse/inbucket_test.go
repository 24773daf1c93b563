package mailparse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInbucketGoldenFiles compares sender, subject and text with Inbucket's
// renderings of its test mails. The recipient in a golden file comes from the
// SMTP envelope of Inbucket's test, not from the mail, so it is not compared.
func TestInbucketGoldenFiles(t *testing.T) {
	dir := filepath.Join(testdataDir(t), "inbucket", "pkg", "test", "testdata")
	goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	if len(goldens) == 0 {
		t.Skipf("no golden files in %s", dir)
	}
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".golden")
		mail := name
		if strings.HasPrefix(name, "no-to-") {
			mail = "no-to" // the same mail, delivered to two envelope addresses
		}
		t.Run(name, func(t *testing.T) {
			want := readGolden(t, g)
			m := parseCorpusFile(t, "inbucket/pkg/test/testdata/"+mail+".txt")
			from := "<" + m.From.Email + ">"
			if m.From.Name != "" {
				from = m.From.Name + " " + from
			}
			if !strings.EqualFold(from, want["From"]) {
				t.Errorf("From = %q, want %q", from, want["From"])
			}
			if m.Subject != want["Subject"] {
				t.Errorf("Subject = %q, want %q", m.Subject, want["Subject"])
			}
			if m.Text != want["text"] {
				t.Errorf("Text = %q, want %q", m.Text, want["text"])
			}
		})
	}
}

func readGolden(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	out := map[string]string{}
	head, rest, _ := strings.Cut(s, "\nBODY TEXT:\n")
	for _, line := range strings.Split(head, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			out[k] = v
		}
	}
	text, _, _ := strings.Cut(rest, "\nBODY HTML:")
	out["text"] = strings.TrimSpace(text)
	return out
}
