package kb

import (
	"context"

	"supportal/internal/authz"
	"supportal/internal/model"
)

// Recent returns at most limit articles u may read, each in lang or its
// fallback, the most recently changed first.
func (s *Service) Recent(ctx context.Context, u *model.User, lang string, limit int) ([]*Article, error) {
	all, err := s.st.KBRecentArticles(ctx, authz.ArticleVisibilities(u), !authz.SeesDrafts(u), limit)
	if err != nil {
		return nil, err
	}
	var out []*Article
	for _, a := range all {
		if v := s.view(u, a, lang); v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}
