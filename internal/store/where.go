package store

import (
	"strconv"
	"strings"
)

// where builds a WHERE clause from conditions written with ? placeholders,
// numbering them $1, $2, … in order, which both engines accept.
type where struct {
	parts []string
	args  []any
}

// add appends a condition; each ? in cond takes the next of args.
func (w *where) add(cond string, args ...any) {
	w.parts = append(w.parts, "("+w.expr(cond, args...)+")")
}

// expr numbers the ? in cond, appends args and returns the condition
// without adding it, for conditions that go elsewhere than WHERE.
func (w *where) expr(cond string, args ...any) string {
	var b strings.Builder
	for _, r := range cond {
		if r == '?' {
			w.args = append(w.args, args[0])
			args = args[1:]
			b.WriteString("$" + strconv.Itoa(len(w.args)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// in returns "?, ?, ?" for n values, for use inside IN (…).
func in(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// arg appends a value and returns its placeholder, for clauses outside
// WHERE such as LIMIT.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) String() string {
	if len(w.parts) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.parts, " AND ")
}
