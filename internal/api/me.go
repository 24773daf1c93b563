package api

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// meJSON is the caller. Agents hold no contact rights; their reach comes
// from their teams.
type meJSON struct {
	ID       int64      `json:"id"`
	Kind     model.Kind `json:"kind"`
	Name     string     `json:"name"`
	Email    string     `json:"email"`
	OrgID    *int64     `json:"org_id"`
	OrgName  *string    `json:"org_name"`
	Role     string     `json:"role"`
	Rights   []string   `json:"rights"`
	Language string     `json:"language"`
	TeamIDs  []int64    `json:"team_ids,omitempty"`
}

// me answers GET /api/v1/me.
func (h *handler) me(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	j := meJSON{
		ID: u.ID, Kind: u.Kind, Name: u.Name, Email: u.Email,
		OrgID: idOrNull(u.OrgID), OrgName: textOrNull(u.OrgName),
		Role: u.Role, Rights: []string{}, Language: u.Language,
	}
	if u.IsContact() {
		for _, right := range u.Rights {
			j.Rights = append(j.Rights, string(right))
		}
	} else {
		j.TeamIDs = append([]int64{}, u.TeamIDs...)
	}
	web.WriteJSON(w, http.StatusOK, j)
}
