package storetest_test

import (
	"context"
	"testing"

	"dataskydd/backend/store"
	"dataskydd/backend/store/storetest"
)

func TestNewGivesAnOpenEmptyStore(t *testing.T) {
	st := storetest.New(t, store.CreateOptions{Lang: "sv"})
	counts, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for typ, n := range counts {
		if n != 0 {
			t.Errorf("a new store holds %d %s records", n, typ)
		}
	}
	if lang, err := st.Meta(context.Background(), "lang"); err != nil || lang != "sv" {
		t.Errorf("lang = %q, %v", lang, err)
	}
}
