// Package search is the person search: it finds every place a person's data is stored,
// whatever format the data and the query use, in milliseconds.
//
// # Using it
//
//	ix, err := search.Open(ctx, st)          // <data dir>/index; replays the outbox
//	defer ix.Close()
//	res, err := ix.Search(ctx, "070-123 45 67", 100)
//	for _, h := range res.Hits {             // best first, one hit per matching field
//		fmt.Println(h.Area, h.Location, h.Type, h.ID, h.Field, h.Snippet)
//	}
//	rep, err := ix.Report(ctx, "Åsa Östergren", search.ReportOptions{}) // access request: every place and value
//
// The rule is the data map's ("Person search and erasure"), exact in both directions: a
// query's identifier parts (e-mail, phone number, personnummer, in any common format) must
// each equal an identifier somewhere in the record's P or F values, and its name words
// must all stand together in ONE mention: one P value, the fields that together name one
// person (registry Field.Mention: a contact person's first and last name), or a stretch
// of one free text where the matched words stand at most two words apart with no "och"
// or sentence end between them. Words match case- and diacritic-insensitively, with one
// typo from five letters and two from eight; digits never match loosely. Each value
// holding a whole mention is a hit, marked exact or typo (with the corrected words); a
// value with only some of the name words is not a hit. When a record is the person's own
// (registry Subject: a private customer, contact person, user, inventory subject or
// incident-affected row named by an identifier or by its whole name), the records that
// link to it are link hits. Exact hits rank above typo hits, typo above link. The index
// finds the records where every part occurs (engine.go); exact.go judges the values.
//
// # The index
//
// One Bleve (scorch) document per record, built from the registry: no type is listed
// here. A place is one field path of one type ("comments.text", "versions.fields.email").
// Every personal value's words and contact details are indexed twice: plain (to find the
// records where every query part occurs) and tagged with their place (to count the fields
// they occur in), and the value itself is stored for snippets. The search reads the
// postings itself (see engine.go), as each segment's roaring bitmaps: the parts' documents
// intersected, then the place-tagged terms walked against that set, which gives exact
// totals over every matching field and reads stored values only for the hits it lists.
//
// Secure-data entries (package vault) are no registry type: they are indexed by their
// plain values only, straight from the vault tables, as type "vault_entry" under GDPR /
// Säkra uppgifter, each hit naming the form field; encrypted values are never read. A
// user's permission and custom groups are found as link hits of the user's own record.
//
// # Keeping step with the database
//
// Every write of package store (and of package vault, as type "vault_entry") appends the
// record to the outbox table in the same SQLite transaction. [Index.Apply] indexes those records as the database now holds them and
// deletes the rows only once the index batch is on disk; [Open] applies what a crash left.
// [Index.Check] compares the index with the database; [Index.Rebuild] (or [Build]) makes
// it anew. An index that is missing, damaged or made for another registry is rebuilt by
// Open.
//
// # Erasure
//
// Bleve keeps deleted and overwritten values in its segment files until they are merged
// away. After an anonymisation run the retention engine calls [Index.Purge], which merges
// the index into one segment and waits until the old files are gone, so a byte search of
// the index folder finds no fragment of an erased value.
package search
