package web

// Choice is one option of a select, already translated.
type Choice struct {
	Value    string
	Label    string
	Selected bool
}

// ChoiceGroup is an optgroup of a select. Value says what the group
// stands for (the module of a group of versions).
type ChoiceGroup struct {
	Label   string
	Value   string
	Choices []Choice
}

// Select is a labelled select with its error, for the "select" partial:
// plain choices first, then groups. ID must be unique on the page; it
// defaults to Name.
type Select struct {
	Name    string
	ID      string
	Label   string
	Error   string
	Choices []Choice
	Groups  []ChoiceGroup
}

// ElementID is the select's id on the page.
func (s Select) ElementID() string {
	if s.ID != "" {
		return s.ID
	}
	return s.Name
}
