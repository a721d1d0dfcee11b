package cli

import (
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/demo"
	"dataskydd/backend/record"
)

// cmdDemo fills a new store with the synthetic data set of package demo.
func cmdDemo(e *env, args []string) error {
	fs := e.flags("demo")
	customers := fs.Int("customers", 100, "number of customers (each brings about 40 records)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and --now give the same data")
	nowFlag := fs.String("now", "", "the present of the data set, RFC 3339 (default: now)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *customers < 0 {
		return usagef("--customers must be 0 or more")
	}
	now := time.Now()
	if *nowFlag != "" {
		if now, err = record.ParseTime(*nowFlag); err != nil {
			return usagef("--now %q: want RFC 3339 (2026-11-01T00:00:00Z) or a date (2026-11-01)", *nowFlag)
		}
	}
	st, done, err := e.openLocked("demo")
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	res, err := demo.Fill(e.ctx, st, demo.Options{
		Customers: *customers, Seed: *seed, Now: now,
		Progress: e.progress("generating", start),
	})
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("%w; make a new one with init, e.g. in another --data-dir", err)
	}
	if err != nil {
		return fmt.Errorf("%w (nothing was written)", err)
	}
	wrote := time.Since(start)
	fmt.Fprintf(e.stderr, "wrote %d records; updating the search index\n", res.Records)
	indexStart := time.Now()
	if err := e.afterWrite(st); err != nil {
		return err
	}
	printCounts(e.stdout, res.Counts)
	fmt.Fprintf(e.stdout, "wrote %d demo records in %.2fs (%.0f records/s); search index updated in %.2fs\n",
		res.Records, wrote.Seconds(), float64(res.Records)/wrote.Seconds(), time.Since(indexStart).Seconds())
	return nil
}
