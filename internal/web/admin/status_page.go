package admin

import "supportal/internal/web"

// modelPage is what the ticket model pages share: a text input that
// shows the page's error for it when its form is the one that failed.
type modelPage struct {
	*web.Page
}

// textInput is a labelled text input for the "tm-input" partial.
type textInput struct {
	Name, ID, Label, Value, Error string
}

// In describes a text input; failed says whether the page's errors are
// those of this input's form.
func (p modelPage) In(name, id, label, value string, failed bool) textInput {
	in := textInput{Name: name, ID: id, Label: label, Value: value}
	if failed {
		in.Error = p.Errors[name]
	}
	return in
}
