package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// filesContaining lists the files under dir that hold any of the fragments.
func filesContaining(t *testing.T, dir string, fragments ...string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // an old segment file Bleve removed while we walked
		}
		if err != nil {
			return err
		}
		for _, f := range fragments {
			if bytes.Contains(b, []byte(f)) {
				found = append(found, fmt.Sprintf("%s: %q", filepath.Base(path), f))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func TestPurgeErasesAnonymisedValuesFromIndexFiles(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"customer","id":"C1","customer_number":"1001","name":"Xenofontsdotter Quirinalia","email":"xenofont.quirin@zyxwvu.se","mobile_phone":"070-987 65 43","personal_number":"19750505-2383","notes":"Bor på Zorbastrasse 12, portkod Kwackelberg"}`)
	ix := openIndex(t, st)
	// More writes, in separate batches, so the index has several segments.
	for i := 0; i < 5; i++ {
		var lines []string
		for j := 0; j < 50; j++ {
			lines = append(lines, fmt.Sprintf(`{"type":"customer","id":"X%d-%d","customer_number":"%d","name":"Person %d %d"}`, i, j, 2000+i*100+j, i, j))
		}
		put(t, st, lines...)
		if err := ix.Apply(ctx); err != nil {
			t.Fatal(err)
		}
	}
	put(t, st, `{"type":"case","id":"K1","customer_number":"1001","title":"Kran","comments":[{"text":"Quirinalia ringde om Kwackelberg"}]}`)
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	fragments := []string{"Xenofontsd", "Quirinalia", "zyxwvu", "Zorbastras", "Kwackelberg", "709876543", "197505052383"}
	if got := filesContaining(t, ix.Dir(), fragments...); len(got) == 0 {
		t.Fatal("the fragments are not in the index files before erasure: the test cannot see anything")
	}

	// Anonymise as the retention engine does: P and F fields replaced, comments deleted.
	err := st.Update(ctx, func(tx *store.Tx) error {
		c, err := tx.Get("customer", "C1")
		if err != nil {
			return err
		}
		for _, f := range c.Type.Fields {
			if f.Personal() && c.Values[f.Name] != nil {
				c.Values[f.Name] = "Anonymiserad"
			}
		}
		if _, err := tx.PutAnonymised(c, 1); err != nil {
			return err
		}
		k, err := tx.Get("case", "K1")
		if err != nil {
			return err
		}
		delete(k.Values, "comments")
		k.Values[registry.FieldCustomerNo] = registry.AnonymisedCustomer
		_, err = tx.PutAnonymised(k, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"Quirinalia", "xenofont.quirin@zyxwvu.se", "0709876543", "750505-2383", "Kwackelberg"} {
		if res := search(t, ix, q); res.Total != 0 {
			t.Errorf("search %q after anonymisation: %d hits %+v", q, res.Total, res.Hits)
		}
	}
	if res := search(t, ix, "Anonymiserad"); !hasHit(res, "customer", "C1", "name") {
		t.Errorf("the anonymised customer is not indexed with its new values: %+v", res.Hits)
	}

	if err := ix.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if got := filesContaining(t, ix.Dir(), fragments...); len(got) > 0 {
		t.Errorf("after Purge the index folder still holds erased values: %v", got)
	}
	// The index still works and still agrees with the database.
	if res := search(t, ix, "Person 3 7"); !hasHit(res, "customer", "X3-7", "name") || res.Hits[0].Snippet != "Person 3 7" {
		t.Errorf("after Purge: search lost records or values: %+v", res.Hits)
	}
	problems, err := ix.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Errorf("Check after Purge: %v %v", problems, err)
	}
	// And after reopening.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix2 := openIndex(t, st)
	if ix2.Rebuilt() {
		t.Error("reopening after Purge rebuilt the index")
	}
	if res := search(t, ix2, "Person 3 7"); !hasHit(res, "customer", "X3-7", "name") {
		t.Errorf("after reopen: %+v", res.Hits)
	}
}

func TestPurgeAfterHardDelete(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"contact_person","id":"P1","first_name":"Yrsabella","last_name":"Trollkvarnsson","email":"yrsa@trollkvarn.se"}`,
		`{"type":"contact_person","id":"P2","first_name":"Bo","last_name":"Ek"}`)
	ix := openIndex(t, st)
	if err := st.Update(ctx, func(tx *store.Tx) error { return tx.Remove("contact_person", "P1") }); err != nil {
		t.Fatal(err)
	}
	if err := ix.Purge(ctx); err != nil { // Purge applies the outbox first
		t.Fatal(err)
	}
	if res := search(t, ix, "Trollkvarnsson"); res.Total != 0 {
		t.Errorf("deleted record still found: %+v", res.Hits)
	}
	if got := filesContaining(t, ix.Dir(), "Yrsabella", "Trollkvarn"); len(got) > 0 {
		t.Errorf("after Purge the index folder still holds the deleted record: %v", got)
	}
	if res := search(t, ix, "Bo Ek"); !hasHit(res, "contact_person", "P2", "") {
		t.Errorf("the other record is gone: %+v", res.Hits)
	}
}

// On Windows a segment file still open when Bleve removes old files stays on disk and
// nothing retries; Purge then reopens the index. A stray segment file stands in for such
// a file here: the index is idle, so only the reopen can remove it.
func TestReopenRemovesLeftoverSegmentFiles(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"contact_person","id":"P1","first_name":"Yrsabella","last_name":"Trollkvarnsson"}`)
	ix := openIndex(t, st)
	if err := ix.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(ix.Dir(), "store", "000000000000.zap")
	if err := os.WriteFile(stray, []byte("Trollkvarnsson"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ix.reopen(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := os.Stat(stray)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stray segment file is still there 5 s after the reopen: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if res := search(t, ix, "Trollkvarnsson"); !hasHit(res, "contact_person", "P1", "") {
		t.Errorf("after the reopen the index lost its record: %+v", res.Hits)
	}
	if problems, err := ix.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check after the reopen: %v %v", problems, err)
	}
}

// TestPurgeLeavesNoDeletedDocument: after a purge no segment holds a deleted document (a
// deleted document's stored values stay in its segment file until a merge drops them).
func TestPurgeLeavesNoDeletedDocument(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	put(t, st, `{"type":"customer","id":"C1","customer_number":"1","kind":"private","name":"Zqx Ytterström"}`,
		`{"type":"customer","id":"C2","customer_number":"2","kind":"private","name":"Bo Ek"}`)
	ix := openIndex(t, st)
	for i := 0; i < 3; i++ {
		put(t, st, fmt.Sprintf(`{"type":"customer","id":"C1","customer_number":"1","kind":"private","name":"Namn %d"}`, i))
		if err := ix.Apply(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := ix.deletedDocs(); err != nil || n == 0 {
		t.Fatalf("before the purge: %d deleted documents, %v (the test cannot tell)", n, err)
	}
	if err := ix.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.deletedDocs(); err != nil || n != 0 {
		t.Fatalf("after the purge: %d deleted documents, %v", n, err)
	}
	if got := filesContaining(t, ix.Dir(), "Ytterstr"); len(got) > 0 {
		t.Errorf("the old value on disk: %v", got)
	}
}
