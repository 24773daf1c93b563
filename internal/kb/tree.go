package kb

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Category is a category with its sections, as one reader sees it.
type Category struct {
	*store.KBCategory
	Sections []*Section
}

// Section is a section with the articles the reader may read.
type Section struct {
	*store.KBSection
	Articles []*Article
}

// Tree returns the categories and sections, named in lang or the
// fallback language, with the articles u may read in lang. Sections and
// categories without such articles are left out, except for agents, who
// keep the knowledge base. Contacts see none of the sections they may not
// read an article of, so such a section's name stays with the staff.
func (s *Service) Tree(ctx context.Context, u *model.User, lang string) ([]*Category, error) {
	cats, secs, err := s.st.KBTree(ctx, lang, s.fallback)
	if err != nil {
		return nil, err
	}
	arts, err := s.List(ctx, u, lang)
	if err != nil {
		return nil, err
	}
	bySection := map[int64][]*Article{}
	for _, a := range arts {
		bySection[a.SectionID] = append(bySection[a.SectionID], a)
	}
	keepEmpty := authz.EditArticle(u)
	var out []*Category
	for _, c := range cats {
		cat := &Category{KBCategory: c}
		for _, sec := range secs {
			if sec.CategoryID == c.ID && (keepEmpty || len(bySection[sec.ID]) > 0) {
				cat.Sections = append(cat.Sections, &Section{KBSection: sec, Articles: bySection[sec.ID]})
			}
		}
		if keepEmpty || len(cat.Sections) > 0 {
			out = append(out, cat)
		}
	}
	return out, nil
}

// Sections lists every section named in lang, in the order of the tree,
// for the article form; agents only.
func (s *Service) Sections(ctx context.Context, u *model.User, lang string) ([]*store.KBSection, error) {
	if !authz.EditArticle(u) {
		return nil, model.ErrNotFound
	}
	_, secs, err := s.st.KBTree(ctx, lang, s.fallback)
	return secs, err
}

// Place names the section an article stands in and its category in lang
// or the fallback language, for the article's breadcrumbs; an article in
// no section has no place (model.ErrNotFound). The caller has read the
// article, so its place is no secret to it.
func (s *Service) Place(ctx context.Context, a *Article, lang string) (*store.KBPlace, error) {
	return s.st.KBSectionPlace(ctx, a.SectionID, lang, s.fallback)
}

// CreateCategory adds a category; agents only.
func (s *Service) CreateCategory(ctx context.Context, u *model.User, name, description string) (int64, error) {
	if !authz.EditArticle(u) {
		return 0, model.ErrNotFound
	}
	name = strings.TrimSpace(name)
	if err := checkName(name).Err(); err != nil {
		return 0, err
	}
	return s.st.CreateKBCategory(ctx, &store.KBCategory{Name: name, Description: strings.TrimSpace(description)})
}

// CreateSection adds a section to a category; agents only.
func (s *Service) CreateSection(ctx context.Context, u *model.User, categoryID int64, name string) (int64, error) {
	if !authz.EditArticle(u) {
		return 0, model.ErrNotFound
	}
	name = strings.TrimSpace(name)
	v := checkName(name)
	if _, err := s.st.KBCategory(ctx, categoryID); errors.Is(err, model.ErrNotFound) {
		v.Add("category", "error.option")
	} else if err != nil {
		return 0, err
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	return s.st.CreateKBSection(ctx, &store.KBSection{CategoryID: categoryID, Name: name})
}

func checkName(name string) *model.ValidationError {
	v := &model.ValidationError{}
	switch {
	case name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(name) > MaxName:
		v.Add("name", "error.too_long")
	}
	return v
}
