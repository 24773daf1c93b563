package model

import "time"

// DocumentState is where a document stands in its signing: support
// publishes a blank, the customer signs it, support countersigns it.
type DocumentState string

// The states of a document, in order.
const (
	DocumentBlank         DocumentState = "blank"
	DocumentSigned        DocumentState = "signed_by_customer"
	DocumentCountersigned DocumentState = "countersigned"
)

// DocumentStates lists the states in order.
var DocumentStates = []DocumentState{DocumentBlank, DocumentSigned, DocumentCountersigned}

// Valid reports whether s is one of the states.
func (s DocumentState) Valid() bool {
	return s == DocumentBlank || s == DocumentSigned || s == DocumentCountersigned
}

// DocumentKind is a kind of document admins offer, with a label per
// language.
type DocumentKind struct {
	Key     string
	LabelDE string
	LabelEN string
}

// Label returns the kind's label in lang (German for "de", else English).
func (k DocumentKind) Label(lang string) string {
	if lang == "de" && k.LabelDE != "" {
		return k.LabelDE
	}
	return k.LabelEN
}

// Document is a file of an organization's record; State is that of its
// newest version.
type Document struct {
	ID        int64
	OrgID     int64
	OrgName   string
	Kind      string
	Title     string
	State     DocumentState
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DocumentVersion is one file a document had, kept for good.
type DocumentVersion struct {
	ID           int64
	DocumentID   int64
	State        DocumentState // the state the document moved to with it
	BlobKey      string
	Name         string
	Size         int64
	ContentType  string
	UploadedBy   int64 // 0: the user was deleted
	UploaderName string
	UploadedAt   time.Time
}

// ProjectStatus is where a development project stands.
type ProjectStatus string

// The statuses of a project.
const (
	ProjectPlanned ProjectStatus = "planned"
	ProjectActive  ProjectStatus = "active"
	ProjectOnHold  ProjectStatus = "on_hold"
	ProjectDone    ProjectStatus = "done"
)

// ProjectStatuses lists the statuses in order.
var ProjectStatuses = []ProjectStatus{ProjectPlanned, ProjectActive, ProjectOnHold, ProjectDone}

// Valid reports whether s is one of the statuses.
func (s ProjectStatus) Valid() bool {
	return s == ProjectPlanned || s == ProjectActive || s == ProjectOnHold || s == ProjectDone
}

// Project is a development project of an organization.
type Project struct {
	ID          int64
	OrgID       int64
	OrgName     string
	Name        string
	Description string
	Status      ProjectStatus
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Milestone is a step of a project.
type Milestone struct {
	ID        int64
	ProjectID int64
	Title     string
	DueAt     time.Time // zero: none
	Done      bool
}
