package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// The index's generation: which writes it holds, kept on both sides. Every batch the index
// applies carries the next generation number inside it (an internal key of the batch, on
// disk with the batch's segment, in the same snapshot), and the store's meta row is raised to
// it when the applied outbox rows are deleted. A rebuild starts the index at the store's
// number plus one. So the index's number is never below the store's unless the index lost
// writes it had: Bleve, finding its newest snapshot damaged, opens an older one and carries
// on ("unable to load snapshot ... continuing"), and the records of the batches since then
// would silently be missing from every search and access report. Open compares the two and
// rebuilds such an index. (The index may be one ahead: a crash between the batch and the
// meta row; the outbox rows are then still there and are applied again, harmlessly.)

// genKey is the internal key of the index's generation.
var genKey = []byte("dataskydd.generation")

// genMeta is the store's meta key of the generation of the last applied batch.
const genMeta = "search_generation"

func formatGen(g int64) []byte { return []byte(strconv.FormatInt(g, 10)) }

// indexGen reads the generation an open index holds (0: none, an index from before it was kept).
func indexGen(idx bleve.Index) (int64, error) {
	b, err := idx.GetInternal(genKey)
	if err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	return strconv.ParseInt(string(b), 10, 64)
}

// storeGen reads the generation the store last recorded (0: none).
func (ix *Index) storeGen(ctx context.Context) (int64, error) {
	v, err := ix.st.Meta(ctx, genMeta)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// errLostWrites says the index opened on an older state than the store recorded (or cannot
// say which state it holds).
var errLostWrites = errors.New("the index lost writes it had (an older snapshot was opened)")

// checkGen compares an opened index with the store and sets ix.gen; errLostWrites means it
// must be rebuilt.
func (ix *Index) checkGen(ctx context.Context, idx bleve.Index) error {
	have, err := indexGen(idx)
	if err != nil { // a damaged value: the index cannot say what it holds
		return fmt.Errorf("%w: its generation is unreadable: %v", errLostWrites, err)
	}
	want, err := ix.storeGen(ctx)
	if err != nil {
		return err
	}
	if have < want {
		return fmt.Errorf("%w: generation %d, the store recorded %d", errLostWrites, have, want)
	}
	ix.gen = have
	return nil
}

// recordApplied deletes the applied outbox rows up to last and records generation g, in one
// transaction.
func (ix *Index) recordApplied(ctx context.Context, last sql.NullInt64, g int64) error {
	tx, err := ix.st.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("clearing search outbox: %w", err)
	}
	defer tx.Rollback()
	if last.Valid {
		if _, err := tx.ExecContext(ctx, "DELETE FROM outbox WHERE seq <= ?", last.Int64); err != nil {
			return fmt.Errorf("clearing search outbox: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		genMeta, strconv.FormatInt(g, 10)); err != nil {
		return fmt.Errorf("recording the search index's generation: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("clearing search outbox: %w", err)
	}
	ix.gen = g
	return nil
}
