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
// A record matches when every word of the query matches some personal field (class P or
// F in the registry) of the record or of its child rows, old values in its version history
// included; each matching field is one hit (datamap.md). Phone numbers match in E.164
// form, personnummer (and coordination and organisation numbers) as 12 digits, e-mail
// addresses whole and lower-cased, also when written inside free text (package normalize
// finds them there). Words match case- and diacritic-insensitively, with one typo from
// five letters and two from eight; digits never match loosely.
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
// Two kinds of places are not personal fields of a record. Secure-data entries (package
// vault) are indexed by their plain values only, straight from the vault tables, as type
// "vault_entry" under GDPR / Säkra uppgifter, each hit naming the form field; encrypted
// values are never read. Types with no personal field of their own that link to users
// (permission, custom group) are indexed by the linked users' usernames and names, in the
// link field, so a search for a user finds their permission and groups; a user's write
// indexes the records linking to it again (found through the links table). Erasure is not
// offered these linked names: they are the user record's values, not the linking one's.
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
