package document

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"supportal/internal/model"
)

// MaxKindLabel is the longest label of a kind, in characters.
const MaxKindLabel = 100

// kindKey is what a kind's key may be: it is stored on every document of
// the kind and never changes.
var kindKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// SaveKind adds a kind of document or changes the labels of an existing
// one (the same key): admins only. A kind is never removed, since
// documents keep it.
func (s *Service) SaveKind(ctx context.Context, by *model.User, k model.DocumentKind) error {
	if by == nil || !by.Active || !by.IsAdmin() {
		return fmt.Errorf("document: save kind: %w", model.ErrNotFound)
	}
	k.Key = strings.TrimSpace(k.Key)
	k.LabelDE, k.LabelEN = strings.TrimSpace(k.LabelDE), strings.TrimSpace(k.LabelEN)
	v := &model.ValidationError{}
	if !kindKey.MatchString(k.Key) {
		v.Add("key", "documents.error.kind_key")
	}
	for field, label := range map[string]string{"label_de": k.LabelDE, "label_en": k.LabelEN} {
		switch {
		case label == "":
			v.Add(field, "error.required")
		case utf8.RuneCountInString(label) > MaxKindLabel:
			v.Add(field, "error.too_long")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.st.SaveDocumentKind(ctx, k)
}
