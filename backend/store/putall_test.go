package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"dataskydd/backend/record"
	"dataskydd/backend/store"
)

func prepared(t *testing.T, lines ...string) []*record.Prepared {
	t.Helper()
	var out []*record.Prepared
	for _, l := range lines {
		r, err := record.Decode([]byte(l))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Prepare())
	}
	return out
}

// PutAll writes what PutPrepared would, record by record: new records in multi-row INSERTs
// (the row ids it returns are the rows'), links included; a group with a record the store
// has is upserted; a record twice in one batch is ErrDuplicate at its index, with every
// record before it written and none after.
func TestPutAllIsPutPreparedInOrder(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	var lines []string
	for i := range 150 {
		lines = append(lines, fmt.Sprintf(`{"type":"todo","id":"T%d","text":"Ring kund %d","customer_number":"K1"}`, i, i))
	}
	lines = append(lines, `{"type":"customer","id":"C1","customer_number":"K1","name":"Åsa Berg"}`)
	err := st.Update(ctx, func(tx *store.Tx) error {
		rids, n, err := tx.PutAll(prepared(t, lines...), 1, nil)
		if err != nil || n != len(lines) || len(rids) != len(lines) {
			return fmt.Errorf("PutAll: %d written, %d row ids, %v", n, len(rids), err)
		}
		for i, rid := range rids {
			var id string
			if err := tx.SQL().QueryRow("SELECT ext_id FROM records WHERE rid = ?", rid).Scan(&id); err != nil {
				return err
			}
			want := fmt.Sprintf("T%d", i)
			if i == 150 {
				want = "C1"
			}
			if id != want {
				return fmt.Errorf("row id %d (record %d) holds %s, want %s", rid, i, id, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second batch: T5 again (an upsert, in a group of new ones), then T7 twice.
	err = st.Update(ctx, func(tx *store.Tx) error {
		ps := prepared(t,
			`{"type":"todo","id":"N1","text":"ny"}`,
			`{"type":"todo","id":"T5","text":"ändrad"}`,
			`{"type":"todo","id":"T7","text":"ett"}`,
			`{"type":"todo","id":"N2","text":"ny"}`,
			`{"type":"todo","id":"T7","text":"två"}`,
			`{"type":"todo","id":"N3","text":"aldrig"}`)
		rids, n, err := tx.PutAll(ps, 2, nil)
		if !errors.Is(err, store.ErrDuplicate) || n != 4 || len(rids) != 4 {
			return fmt.Errorf("PutAll with T7 twice: %d written, %d row ids, %v; want ErrDuplicate at 4", n, len(rids), err)
		}
		var text string
		if err := tx.SQL().QueryRow("SELECT json_extract(data, '$.text') FROM records WHERE ext_id = 'T5'").Scan(&text); err != nil || text != "ändrad" {
			return fmt.Errorf("T5 after the upsert: %q, %v", text, err)
		}
		var n3 int
		if err := tx.SQL().QueryRow("SELECT count(*) FROM records WHERE ext_id = 'N3'").Scan(&n3); err != nil || n3 != 0 {
			return fmt.Errorf("N3, after the duplicate, written %d times (%v)", n3, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
