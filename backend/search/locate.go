package search

// This file serves the access-request report and "anonymise everywhere" (backend/erasure):
// everything a query finds, value by value, with the person's own records.

import (
	"context"
	"fmt"

	"dataskydd/backend/normalize"
)

// Inventory is everything a query finds: every hit with every matching value, best
// first, and the records that are the person's own.
type Inventory struct {
	Query string
	Kind  normalize.Kind
	Hits  []Hit
	Own   []Own
}

// Own is one of the person's own records (registry Subject): a record, or for a type whose
// people are child rows, the rows (by index) that are the person.
type Own struct {
	Type string
	ID   string
	Rows []uint64 // Subject.Child: the child rows that are the person
}

// Inventory finds every place the query matches (as Find with no limit does) and lists
// each with all its matching values.
func (ix *Index) Inventory(ctx context.Context, q string) (*Inventory, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return nil, ErrClosed
	}
	hits, _, kind, own, err := ix.findAll(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("finding the person: %w", err)
	}
	return &Inventory{Query: q, Kind: kind, Hits: hits, Own: own}, nil
}
