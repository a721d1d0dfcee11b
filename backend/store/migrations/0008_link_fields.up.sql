-- Link hits of the person search (backend/search, links.go) count the records that link to
-- a person's own record, by the linking record's type and the link's field without row
-- indexes ("comments.author"): both kept beside each link, so the count reads one index.
ALTER TABLE links ADD COLUMN src_type TEXT;
ALTER TABLE links ADD COLUMN field TEXT;
UPDATE links SET src_type = (SELECT type FROM records WHERE rid = links.src),
    field = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        path, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', ''), '[', ''), ']', '');
CREATE INDEX links_to_field ON links(to_type, to_id, src_type, field, src);
