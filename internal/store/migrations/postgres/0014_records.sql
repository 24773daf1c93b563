-- An organization's record, second part: documents with every version
-- of their file, and development projects with milestones and tickets.

-- The kinds of document an admin may choose from, with a label in each
-- language; position orders them in forms.
CREATE TABLE document_kinds (
    key      TEXT PRIMARY KEY,
    label_de TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO document_kinds (key, label_de, label_en, position) VALUES
    ('maintenance_contract', 'Wartungsvertrag', 'Maintenance contract', 1),
    ('data_processing_agreement', 'Auftragsverarbeitungsvertrag', 'Data processing agreement', 2),
    ('offer', 'Angebot', 'Offer', 3),
    ('other', 'Sonstiges', 'Other', 4);

-- A document of an organization; state is that of its newest version:
-- blank (for the customer to sign), signed_by_customer, countersigned.
CREATE TABLE documents (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL REFERENCES document_kinds(key),
    title      TEXT NOT NULL,
    state      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX documents_org ON documents (org_id, id);
CREATE INDEX documents_state ON documents (state, updated_at, id);

-- Every file a document ever had, never changed or removed: the blob,
-- its name, size and type, who uploaded it when, and the state the
-- document moved to with it.
CREATE TABLE document_versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id  BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    state        TEXT NOT NULL,
    blob_key     TEXT NOT NULL,
    name         TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    uploaded_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX document_versions_document ON document_versions (document_id, id);

-- A development project of an organization; status is planned, active,
-- on_hold or done.
CREATE TABLE projects (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX projects_org ON projects (org_id, id);

-- The milestones of a project, in order of their due day (NULL: none).
CREATE TABLE project_milestones (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    due_at     TIMESTAMPTZ,
    done       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_milestones_project ON project_milestones (project_id, id);

-- The project a ticket belongs to, if any; the index serves the
-- project's ticket list, newest activity first.
ALTER TABLE tickets ADD COLUMN project_id BIGINT REFERENCES projects(id) ON DELETE SET NULL;
CREATE INDEX tickets_project ON tickets (project_id, last_activity_at, id);
