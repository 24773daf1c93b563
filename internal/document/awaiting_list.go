package document

import (
	"context"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// AwaitingList lists at most limit documents of organization orgID that
// wait for a contact's signature (state blank), the latest first. A
// viewer who may not see the organization's documents gets none.
func (s *Service) AwaitingList(ctx context.Context, viewer *model.User, orgID int64, limit int) ([]*model.Document, error) {
	if !viewer.IsContact() || !authz.Documents(viewer, orgID) {
		return nil, nil
	}
	return s.st.Documents(ctx, store.DocumentFilter{OrgID: orgID, State: model.DocumentBlank, Limit: limit})
}
