package search

import "testing"

func TestSmoke(t *testing.T) {
	st := newStore(t)
	put(t, st, `{"type":"customer","id":"C1","customer_number":"1001","kind":"private","name":"Åsa Östergren","personal_number":"800101-1231","email":"Asa.Ostergren@Example.se","mobile_phone":"070-123 45 67","notes":"Ring 08-123 456 78 efter lunch"}`)
	ix := openIndex(t, st)
	for _, q := range []string{"asa", "Ostergren", "Östergrn", "asa ostergren", "0046701234567", "+46 70 123 45 67", "19800101-1231", "ASA.OSTERGREN@example.SE", "08 12345678"} {
		res := search(t, ix, q)
		t.Logf("%q kind=%v total=%d hits=%+v", q, res.Kind, res.Total, res.Hits)
	}
}
