package store

// SetSearchPlan changes, for one test, the scope size up to which the
// scope drives a ticket search and PostgreSQL's first window, so that
// small data takes every plan; it returns the function that restores
// them.
func SetSearchPlan(smallScope int, firstWindow int64) (restore func()) {
	s, w := searchSmallScope, searchFirstWindow
	searchSmallScope, searchFirstWindow = smallScope, firstWindow
	return func() { searchSmallScope, searchFirstWindow = s, w }
}
