-- The records browser lists each type last-changed first, server-side, on stores of a million
-- records; other sort orders sort the type's rows (one index more per record would slow imports).
CREATE INDEX records_type_updated ON records(type, updated_at);
