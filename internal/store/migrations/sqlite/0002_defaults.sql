-- The defaults every instance starts with: the statuses of DESIGN §2, the
-- support levels, and the values of the standard ticket fields. Admins
-- change them later; the names are the stable keys the API uses.

INSERT INTO statuses (name, category, position) VALUES
    ('New', 'new', 10),
    ('Open', 'open', 20),
    ('Waiting for customer', 'waiting_customer', 30),
    ('On hold', 'on_hold', 40),
    ('Resolved', 'resolved', 50),
    ('Closed', 'closed', 60);

INSERT INTO teams (name, is_default) VALUES
    ('1st level', TRUE),
    ('2nd level', FALSE),
    ('Technical', FALSE);

INSERT INTO field_options (field, parent, value, position, contact_selectable, is_default) VALUES
    ('type', '', 'question', 10, TRUE, TRUE),
    ('type', '', 'incident', 20, TRUE, FALSE),
    ('type', '', 'problem', 30, TRUE, FALSE),
    ('type', '', 'feature_request', 40, TRUE, FALSE),
    ('type', '', 'task', 50, FALSE, FALSE),
    ('priority', '', 'low', 10, TRUE, FALSE),
    ('priority', '', 'normal', 20, TRUE, TRUE),
    ('priority', '', 'high', 30, TRUE, FALSE),
    ('priority', '', 'urgent', 40, TRUE, FALSE),
    ('impact', '', 'single_user', 10, TRUE, FALSE),
    ('impact', '', 'several_users', 20, TRUE, FALSE),
    ('impact', '', 'whole_organization', 30, TRUE, FALSE);
