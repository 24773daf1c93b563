package store

// SetSearchPlan changes, for one test, the scope size up to which the
// scope drives a ticket search, so that small data takes every plan; it
// returns the function that restores it.
func SetSearchPlan(smallScope int) (restore func()) {
	s := searchSmallScope
	searchSmallScope = smallScope
	return func() { searchSmallScope = s }
}

// SkipTicketIDs makes PostgreSQL's next ticket id n past the highest, so
// that a test's tickets fall into different windows of the search. On
// SQLite, whose search has no windows, it does nothing.
func SkipTicketIDs(s *Store, n int64) error {
	if s.d != postgresDialect {
		return nil
	}
	_, err := s.sql.Exec("SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT COALESCE(MAX(id), 0) FROM tickets) + $1)", n)
	return err
}
