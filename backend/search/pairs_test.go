package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPairsAgreeWithReadingTheValues: two-word queries answered from pair terms give
// exactly the hits (record, field, match) that reading every candidate's values and
// applying the rule gives, on random data sets of near-namesakes.
func TestPairsAgreeWithReadingTheValues(t *testing.T) {
	first := []string{"Ulla", "Anders", "Åsa", "Britt", "Per", "Maria", "Marie", "Anna Lena"}
	last := []string{"Hedlund", "Hedlind", "Nilsson", "Berg", "Lindgren", "Lindberg"}
	fill := []string{"ringde", "om", "och", "kranen", "med", "offerten", "i", "går", "M.", "Hon.", "samt", "tack;"}
	// Texts of more than six words get no pairs here (pairs.go, longText): the random texts
	// (2-9 words) are then of both kinds.
	defer func(n int) { maxPairTextWords = n }(maxPairTextWords)
	maxPairTextWords = 6
	for seed := uint64(1); seed <= 8; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		name := func() string { return first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))] }
		text := func() string {
			var w []string
			for i := 0; i < 2+rng.IntN(8); i++ {
				switch rng.IntN(4) {
				case 0:
					w = append(w, name())
				case 1:
					w = append(w, last[rng.IntN(len(last))]+",")
				default:
					w = append(w, fill[rng.IntN(len(fill))])
				}
			}
			return strings.Join(w, " ")
		}
		st := newStore(t)
		var lines []string
		for i := 0; i < 30; i++ {
			lines = append(lines,
				fmt.Sprintf(`{"type":"customer","id":"C%d","customer_number":"%d","kind":"private","name":%q,"notes":%q}`, i, 100+i, name(), text()),
				fmt.Sprintf(`{"type":"contact_person","id":"CP%d","customer_number":"%d","first_name":%q,"last_name":%q}`, i, 100+i, first[rng.IntN(len(first))], last[rng.IntN(len(last))]),
				fmt.Sprintf(`{"type":"case","id":"K%d","customer_number":"%d","description":%q,"end_customer_name":%q,"comments":[{"text":%q},{"text":%q}]}`,
					i, 100+rng.IntN(30), text(), name(), text(), text()))
		}
		put(t, st, lines...)
		ix := openIndex(t, st)
		for _, f := range first {
			for _, l := range last {
				qs := []string{f + " " + l, l + " " + f, strings.ToLower(f) + " " + l[:len(l)-1] + "x"}
				if strings.Contains(f, " ") {
					qs = append(qs, f, "Lena "+l) // a two-word first name alone; its second word with the last name
				}
				for _, q := range qs {
					ix.readAll = false
					byPairs, err := ix.Search(context.Background(), q, -1)
					if err != nil {
						t.Fatal(err)
					}
					ix.readAll = true
					byReading, err := ix.Search(context.Background(), q, -1)
					if err != nil {
						t.Fatal(err)
					}
					a, b := strings.Join(got(byPairs), "\n"), strings.Join(got(byReading), "\n")
					if a != b || byPairs.Total != byReading.Total {
						t.Fatalf("seed %d, %q: pairs (%d):\n%s\nreading (%d):\n%s", seed, q, byPairs.Total, a, byReading.Total, b)
					}
				}
			}
		}
	}
}
