package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"dataskydd/backend/jsonl"
	"dataskydd/backend/records"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

func cmdImport(e *env, args []string) error {
	fs := e.flags("import")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("give at least one JSON Lines file")
	}
	st, done, err := e.openLocked("import")
	if err != nil {
		return err
	}
	defer done()
	start := time.Now()
	res, err := jsonl.Import(e.ctx, st, files, jsonl.Options{Progress: e.progress("importing", time.Now())})
	if err != nil {
		var le *jsonl.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%w (nothing was imported)", le)
		}
		return fmt.Errorf("%w (nothing was imported)", err)
	}
	elapsed := time.Since(start)
	printCounts(e.stdout, res.Counts)
	fmt.Fprintf(e.stdout, "imported %d records\n", res.Records)
	// Timings on stderr keep stdout the same for the same input.
	fmt.Fprintf(e.stderr, "import took %s (%.0f records/s)\n", elapsed.Round(time.Millisecond), float64(res.Records)/elapsed.Seconds())
	// The records are committed, and queued for the search index in the same transaction;
	// bring the index up to date now so a search right after finds them.
	return e.afterWrite(st)
}

func cmdExport(e *env, args []string) error {
	fs := e.flags("export")
	typ := fs.String("type", "", "only this record type")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one output file (- for standard output)")
	}
	if *typ != "" {
		if _, ok := registry.Get(*typ); !ok {
			return usagef("unknown type %q", *typ)
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer e.closeRead(st, "export")
	var w io.Writer = e.stdout
	var tmp *os.File
	if pos[0] != "-" {
		// Write beside the target and rename, so a failed export leaves no half file.
		tmp, err = os.CreateTemp(dirOf(pos[0]), ".dataskydd-export-*")
		if err != nil {
			return fmt.Errorf("creating %s: %w", pos[0], err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		w = tmp
	}
	res, err := jsonl.Export(e.ctx, st, w, jsonl.ExportOptions{Type: *typ, Progress: e.progress("exporting", time.Now())})
	if err != nil {
		return err
	}
	if tmp != nil {
		if err := tmp.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", pos[0], err)
		}
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", pos[0], err)
		}
		if err := os.Rename(tmp.Name(), pos[0]); err != nil {
			return fmt.Errorf("writing %s: %w", pos[0], err)
		}
		printCounts(e.stderr, res.Counts)
		fmt.Fprintf(e.stderr, "exported %d records to %s\n", res.Records, pos[0])
	}
	return nil
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i+1]
		}
	}
	return "."
}

// progress reports on stderr at most every half second.
func (e *env) progress(what string, start time.Time) func(done, total int64) {
	last := time.Now()
	return func(done, total int64) {
		if time.Since(last) < 500*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		if total > 0 {
			fmt.Fprintf(e.stderr, "%s: %d%% (%s)\n", what, done*100/total, time.Since(start).Round(time.Second))
		}
	}
}

func printCounts(w io.Writer, counts map[string]int) {
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	order := map[string]int{}
	for i, n := range registry.Names() {
		order[n] = i
	}
	sort.Slice(names, func(i, j int) bool { return order[names[i]] < order[names[j]] })
	for _, n := range names {
		fmt.Fprintf(w, "%-22s %d\n", n, counts[n])
	}
}

func cmdDelete(e *env, args []string) error {
	fs := e.flags("delete")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("give TYPE and ID")
	}
	t, ok := registry.Get(pos[0])
	if !ok {
		return usagef("unknown type %q", pos[0])
	}
	svc, done, err := e.servicesLocked("delete")
	if err != nil {
		return err
	}
	defer done()
	var what string
	err = svc.Store.Update(e.ctx, func(tx *store.Tx) error {
		what, err = records.DeleteIn(tx, t, pos[1], time.Now())
		return err
	})
	if err != nil {
		return err
	}
	if err := svc.AfterWrite(e.ctx, t.Name, pos[1]); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, what)
	return nil
}

func cmdCheck(e *env, args []string) error {
	fs := e.flags("check")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, done, err := e.openLocked("check")
	if err != nil {
		return err
	}
	defer done()
	report := checkReport{Database: []string{}, Index: []string{}}
	if report.Database, err = st.IntegrityCheck(e.ctx); err != nil {
		return err
	}
	if report.Database == nil {
		report.Database = []string{}
	}
	idx, err := checkIndex(e, st)
	if err != nil {
		return err
	}
	report.Index = append(report.Index, idx...)
	report.OK = len(report.Database) == 0 && len(report.Index) == 0
	if *asJSON {
		if err := e.printJSON(report); err != nil {
			return err
		}
	} else {
		for _, p := range report.Database {
			fmt.Fprintln(e.stdout, "database:", p)
		}
		for _, p := range report.Index {
			fmt.Fprintln(e.stdout, "index:", p)
		}
		if report.OK {
			fmt.Fprintln(e.stdout, "ok: the database is intact and the search index matches it")
		}
	}
	if !report.OK {
		return errors.New("problems found")
	}
	return nil
}

type checkReport struct {
	OK       bool     `json:"ok"`
	Database []string `json:"database"`
	Index    []string `json:"index"`
}
