package search

import (
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// The open-addressing table must behave exactly like a map, through every growth.
func TestMarksAgreesWithAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var m marks
	want := map[uint64]uint64{}
	for i := 0; i < 50000; i++ {
		key := uint64(r.IntN(20000))<<16 | uint64(r.IntN(300))
		b := uint64(1) << r.IntN(4)
		if i == 1000 {
			m.reserve(10000)
		}
		m.or(key, b)
		want[key] |= b
	}
	if m.len() != len(want) {
		t.Fatalf("len %d, want %d", m.len(), len(want))
	}
	seen := 0
	m.each(func(key, b uint64) {
		seen++
		if want[key] != b {
			t.Fatalf("key %x: bits %b, want %b", key, b, want[key])
		}
	})
	if seen != len(want) {
		t.Fatalf("each visited %d keys, want %d", seen, len(want))
	}
}

func TestDocSetIndexIsRank(t *testing.T) {
	docs := roaring.BitmapOf(0, 1, 63, 64, 65, 1000, 70000, 131071)
	s := newDocSet(docs, 131072)
	for k, d := range docs.ToArray() {
		if got, ok := s.index(d); !ok || got != k {
			t.Errorf("index(%d) = %d, %v; want %d, true", d, got, ok, k)
		}
	}
	for _, d := range []uint32{2, 62, 66, 999, 70001, 131070, 500000} {
		if _, ok := s.index(d); ok {
			t.Errorf("index(%d) says it is in the set", d)
		}
	}
}
