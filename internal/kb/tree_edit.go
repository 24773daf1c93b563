package kb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// MaxDescription limits a category's description in one language.
const MaxDescription = 500

// Names are the names of a category or section by language; a language
// without a name is left out. Sections have no description.
type Names map[string]store.KBName

// CategoryInput is what an agent writes of a category: its name and
// description per language.
type CategoryInput struct {
	Names Names
}

// SectionInput is what an agent writes of a section: its category and its
// name per language.
type SectionInput struct {
	CategoryID int64
	Names      Names
}

// validateNames cleans names and checks them: at least one language,
// no description without a name. Form fields are name_<language> and
// description_<language>.
func validateNames(names Names) *model.ValidationError {
	v := &model.ValidationError{}
	for l, n := range names {
		if !oneOf(l, Languages) {
			delete(names, l)
			continue
		}
		n.Language, n.Name, n.Description = l, strings.TrimSpace(n.Name), strings.TrimSpace(n.Description)
		switch {
		case utf8.RuneCountInString(n.Name) > MaxName:
			v.Add("name_"+l, "error.too_long")
		case n.Name == "" && n.Description != "":
			v.Add("name_"+l, "kbtree.error.name_for_description")
		}
		if utf8.RuneCountInString(n.Description) > MaxDescription {
			v.Add("description_"+l, "error.too_long")
		}
		if n.Name == "" && n.Description == "" {
			delete(names, l)
			continue
		}
		names[l] = n
	}
	if len(names) == 0 {
		for _, l := range Languages {
			v.Add("name_"+l, "kbtree.error.one_name")
		}
	}
	return v
}

// list orders names by Languages and picks the base name: the one in the
// fallback language, else the first.
func (names Names) list(fallback string) (base store.KBName, out []store.KBName) {
	for _, l := range Languages {
		if n, ok := names[l]; ok {
			out = append(out, n)
		}
	}
	base = out[0]
	if n, ok := names[fallback]; ok {
		base = n
	}
	return base, out
}

// namesOr maps list by language; a category or section named only by its
// base column (created with one name, or before names per language) shows
// that name as the fallback language's, ready to be saved as such.
func (s *Service) namesOr(list []store.KBName, base store.KBName) Names {
	out := Names{}
	for _, n := range list {
		out[n.Language] = n
	}
	if len(out) == 0 {
		base.Language = s.fallback
		out[s.fallback] = base
	}
	return out
}

// CategoryEdit is a category as the desk edits it.
type CategoryEdit struct {
	ID    int64
	Base  string // the base name, shown while no language has one
	Names Names
}

// Category reads a category for editing; agents only.
func (s *Service) Category(ctx context.Context, u *model.User, id int64) (*CategoryEdit, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	c, err := s.st.KBCategory(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := s.st.KBCategoryNames(ctx, id)
	if err != nil {
		return nil, err
	}
	return &CategoryEdit{ID: id, Base: c.Name, Names: s.namesOr(names, store.KBName{Name: c.Name, Description: c.Description})}, nil
}

// UpdateCategory writes a category's names and descriptions; agents only.
func (s *Service) UpdateCategory(ctx context.Context, u *model.User, id int64, in CategoryInput) error {
	if _, err := s.Category(ctx, u, id); err != nil {
		return err
	}
	if err := validateNames(in.Names).Err(); err != nil {
		return err
	}
	base, names := in.Names.list(s.fallback)
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		return q.SaveKBCategory(ctx, &store.KBCategory{ID: id, Name: base.Name, Description: base.Description}, names)
	})
	if err != nil {
		return fmt.Errorf("kb: update category %d: %w", id, err)
	}
	return nil
}

// SectionEdit is a section as the desk edits it.
type SectionEdit struct {
	ID         int64
	CategoryID int64
	Base       string
	Names      Names
}

// Section reads a section for editing; agents only.
func (s *Service) Section(ctx context.Context, u *model.User, id int64) (*SectionEdit, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	sec, err := s.st.KBSection(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := s.st.KBSectionNames(ctx, id)
	if err != nil {
		return nil, err
	}
	return &SectionEdit{ID: id, CategoryID: sec.CategoryID, Base: sec.Name, Names: s.namesOr(names, store.KBName{Name: sec.Name})}, nil
}

// UpdateSection writes a section's names and moves it to in.CategoryID
// (last there) if that is another category; agents only.
func (s *Service) UpdateSection(ctx context.Context, u *model.User, id int64, in SectionInput) error {
	if _, err := s.Section(ctx, u, id); err != nil {
		return err
	}
	for l, n := range in.Names {
		n.Description = ""
		in.Names[l] = n
	}
	v := validateNames(in.Names)
	if _, err := s.st.KBCategory(ctx, in.CategoryID); errors.Is(err, model.ErrNotFound) {
		v.Add("category", "error.option")
	} else if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	base, names := in.Names.list(s.fallback)
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		return q.SaveKBSection(ctx, &store.KBSection{ID: id, CategoryID: in.CategoryID, Name: base.Name}, names)
	})
	if err != nil {
		return fmt.Errorf("kb: update section %d: %w", id, err)
	}
	return nil
}

// MoveCategory moves a category one place up or down; agents only.
func (s *Service) MoveCategory(ctx context.Context, u *model.User, id int64, up bool) error {
	if !authz.EditArticle(u) {
		return model.ErrNotFound
	}
	return s.st.InTx(ctx, func(q *store.Queries) error { return q.MoveKBCategory(ctx, id, up) })
}

// MoveSection moves a section one place up or down within its category;
// agents only.
func (s *Service) MoveSection(ctx context.Context, u *model.User, id int64, up bool) error {
	if !authz.EditArticle(u) {
		return model.ErrNotFound
	}
	return s.st.InTx(ctx, func(q *store.Queries) error { return q.MoveKBSection(ctx, id, up) })
}

// NotEmptyError refuses to delete a category that holds sections or a
// section that holds articles; nothing was deleted.
type NotEmptyError struct {
	Sections int // of a category
	Articles int // of a section, drafts and internal ones included
}

func (e *NotEmptyError) Error() string {
	if e.Sections > 0 {
		return fmt.Sprintf("kb: category holds %d sections", e.Sections)
	}
	return fmt.Sprintf("kb: section holds %d articles", e.Articles)
}

// DeleteCategory removes an empty category; one with sections is a
// *NotEmptyError. Agents only.
func (s *Service) DeleteCategory(ctx context.Context, u *model.User, id int64) error {
	if !authz.EditArticle(u) {
		return model.ErrNotFound
	}
	n, err := s.st.DeleteKBCategory(ctx, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return &NotEmptyError{Sections: n}
	}
	return nil
}

// DeleteSection removes a section without articles; one with articles is
// a *NotEmptyError. Agents only.
func (s *Service) DeleteSection(ctx context.Context, u *model.User, id int64) error {
	if !authz.EditArticle(u) {
		return model.ErrNotFound
	}
	n, err := s.st.DeleteKBSection(ctx, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return &NotEmptyError{Articles: n}
	}
	return nil
}

// FollowedSections lists the sections u follows; none for anyone but a
// contact.
func (s *Service) FollowedSections(ctx context.Context, u *model.User) (map[int64]bool, error) {
	if !u.IsContact() {
		return map[int64]bool{}, nil
	}
	return s.st.KBFollowedSections(ctx, u.ID)
}
