package cli

import (
	"fmt"
	"time"

	"dataskydd/backend/search"
	"dataskydd/backend/store"
)

// The person search's commands (backend/search).

func cmdSearch(e *env, args []string) error {
	fs := e.flags("search")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", search.DefaultLimit, "list at most N hits")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	q, err := personQuery(pos)
	if err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	req := search.Request{Query: q, Limit: *limit}
	if *limit == 0 {
		req.Limit = -1
	}
	var res search.Result
	err = e.withIndex("search", func(_ *store.Store, ix *search.Index) error {
		return ix.Read(e.ctx, func() error {
			var err error
			res, err = ix.Find(e.ctx, req)
			return err
		})
	})
	if err != nil {
		return err
	}
	if *limit == 0 {
		res.Hits = res.Hits[:0]
	}
	// In the data map's order, grouped by place (as the screen and the report list them).
	res.Hits = search.InMapOrder(res.Hits)
	if *asJSON {
		return e.printJSON(res)
	}
	fmt.Fprintf(e.stdout, "%d hits for %q (%s)\n", res.Total, res.Query, res.Kind)
	for _, p := range search.ByPlace(res.Hits) {
		fmt.Fprintf(e.stdout, "\n%s / %s (%d)\n", p.Area, p.Location, len(p.Hits))
		for _, h := range p.Hits {
			fmt.Fprintf(e.stdout, "  %-5s %s %s  %s: %s\n", h.Match, h.Type, h.ID, h.Field, h.Snippet)
		}
	}
	if len(res.Hits) < res.Total {
		fmt.Fprintf(e.stdout, "\n(%d of %d hits listed; use --limit)\n", len(res.Hits), res.Total)
	}
	return nil
}

func cmdIndex(e *env, args []string) error {
	fs := e.flags("index")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "rebuild" {
		return usagef("the index command takes one action: rebuild")
	}
	st, done, err := e.openLocked("index rebuild")
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	progress := e.progress("indexing", start)
	ix, err := search.Build(e.ctx, st, func(done, total int) { progress(int64(done), int64(total)) })
	if err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "search index rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// openIndex opens the search index, replaying its outbox; a missing index is built with
// progress on stderr.
func (e *env) openIndex(st *store.Store) (*search.Index, error) {
	progress := e.progress("indexing", time.Now())
	return search.OpenWith(e.ctx, st, search.Options{Progress: func(done, total int) { progress(int64(done), int64(total)) }})
}

// checkIndex lists where the search index and the database disagree.
func checkIndex(e *env, st *store.Store) ([]string, error) {
	ix, err := e.openIndex(st)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	var problems []string
	if ix.Rebuilt() {
		problems = append(problems, "the search index was missing or unreadable; it has been rebuilt from the database")
	}
	more, err := ix.Check(e.ctx)
	if err != nil {
		return nil, err
	}
	return append(problems, more...), nil
}

// afterWrite brings the search index up to date with what a command wrote.
func (e *env) afterWrite(st *store.Store) error {
	ix, err := e.openIndex(st)
	if err != nil {
		return fmt.Errorf("updating the search index (the data is saved; run index rebuild): %w", err)
	}
	return ix.Close()
}
