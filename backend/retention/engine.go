package retention

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"dataskydd/backend/record"
	"dataskydd/backend/registry"
	"dataskydd/backend/store"
)

// DefaultBatch is how many records one transaction anonymises.
const DefaultBatch = 5000

// DefaultSamples is how many records a preview lists per type.
const DefaultSamples = 5

// ErrCheckpoint is returned (wrapped) when the WAL could not be truncated after a run: the
// records are anonymised, but old pages may linger in the -wal file until the next run.
var ErrCheckpoint = store.ErrCheckpoint

// Index is the person search's side of a run (backend/search implements it). Apply brings
// the index up to date with the outbox the run filled; Purge then rewrites the index files
// so the terms of anonymised values leave the disk (Bleve keeps deleted terms until a merge).
type Index interface {
	Apply(ctx context.Context) error
	Purge(ctx context.Context) error
}

// Job is a scheduled task another feature adds to every run (the vault's purge of expired
// entries, ...). Run does the work due at now and returns how many items it handled.
type Job interface {
	Name() string
	Run(ctx context.Context, now time.Time) (int, error)
}

// Progress is reported after every batch.
type Progress struct {
	Type string `json:"type"` // the policy being run
	Done int    `json:"done"` // records of this type handled so far
	Due  int    `json:"due"`  // records of this type due when it started
}

// Options configure an Engine; the zero value works.
type Options struct {
	Batch    int            // records per transaction (DefaultBatch)
	Samples  int            // records listed per type by a preview (DefaultSamples)
	Index    Index          // nil: no search index to update
	Progress func(Progress) // nil: no progress
	Jobs     []Job          // run after the policies by a real run
}

// Engine applies the retention policies of one store.
type Engine struct {
	st   *store.Store
	opts Options

	mu       sync.Mutex // guards progress and jobs, which may change between runs
	progress func(Progress)
	jobs     []Job
	goOnly   bool // tests: every rule through Anonymise, none compiled to SQL
}

// New returns an engine for st.
func New(st *store.Store, opts Options) *Engine {
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if opts.Samples <= 0 {
		opts.Samples = DefaultSamples
	}
	return &Engine{st: st, opts: opts, progress: opts.Progress, jobs: slices.Clone(opts.Jobs)}
}

// AddJob registers a job that every real run runs after the policies.
func (e *Engine) AddJob(j Job) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.jobs = append(e.jobs, j)
}

// SetProgress replaces the progress callback (nil: none); a run in progress picks it up at
// its next batch.
func (e *Engine) SetProgress(fn func(Progress)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.progress = fn
}

func (e *Engine) progressFunc() func(Progress) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.progress
}

// Counts are one type's figures in a run.
type Counts struct {
	Due        int `json:"due"`        // records due when the run reached the type
	Anonymised int `json:"anonymised"` // records rewritten by the rule
	Deleted    int `json:"deleted"`    // records removed (the system log; on-delete "delete")
}

// Sample names a due record without its personal data.
type Sample struct {
	ID    string `json:"id"`
	Label string `json:"label"` // the type's label and its number, never a name
}

// Report is what a run did (or, for a dry run, would do).
type Report struct {
	Now     time.Time           `json:"now"`
	DryRun  bool                `json:"dry_run"`
	Types   map[string]*Counts  `json:"types"`
	Samples map[string][]Sample `json:"-"` // dry runs only
	Jobs    map[string]int      `json:"-"` // real runs only
	RunID   int64               `json:"-"` // the history row (0 for a dry run)
}

// Total is the number of records anonymised or deleted.
func (r *Report) Total() int {
	n := 0
	for _, c := range r.Types {
		n += c.Anonymised + c.Deleted
	}
	return n
}

// action is what a policy does to a due record.
type action uint8

const (
	doAnonymise  action = iota
	doDeleteRow         // the record's rule deletes it (system log)
	doHardDelete        // on-delete "delete": gone, and links to it cleared
)

// plan is one enabled policy, ready to run.
type plan struct {
	t      *registry.Type
	policy Policy
	act    action
	cutoff int64
	sql    sqlRule // the rule compiled to SQL, when useSQL
	useSQL bool
}

func (e *Engine) plans(ctx context.Context, now time.Time) ([]plan, error) {
	policies, err := Policies(ctx, e.st.DB)
	if err != nil {
		return nil, err
	}
	var out []plan
	for _, p := range policies {
		if !p.Enabled {
			continue
		}
		out = append(out, planOf(p, now))
	}
	return out, nil
}

// planOf is the plan of one policy at now.
func planOf(p Policy, now time.Time) plan {
	t, _ := registry.Get(p.Type)
	pl := plan{t: t, policy: p, cutoff: p.Cutoff(now).Unix()}
	switch {
	case t.Retention.DeleteRow:
		pl.act = doDeleteRow
	case p.OnDelete == store.OnDeleteDelete:
		// "gone entirely at once": whatever N says, a deleted record goes now.
		pl.act, pl.cutoff = doHardDelete, now.Unix()
	}
	return pl
}

const dueCountSQL = "SELECT COUNT(*) FROM records WHERE type = ? AND clock IS NOT NULL AND clock <= ?"

// Preview reports what a run at now would do, per type with counts and a sample of
// records, and changes nothing.
func (e *Engine) Preview(ctx context.Context, now time.Time) (Report, error) {
	rep := Report{Now: now.UTC(), DryRun: true, Types: map[string]*Counts{}, Samples: map[string][]Sample{}}
	plans, err := e.plans(ctx, now)
	if err != nil {
		return rep, err
	}
	for _, pl := range plans {
		c := &Counts{}
		rep.Types[pl.t.Name] = c
		if err := e.st.RO.QueryRowContext(ctx, dueCountSQL, pl.t.Name, pl.cutoff).Scan(&c.Due); err != nil {
			return rep, fmt.Errorf("counting due %s: %w", pl.t.Name, err)
		}
		if pl.act == doAnonymise {
			c.Anonymised = c.Due
		} else {
			c.Deleted = c.Due
		}
		if c.Due == 0 {
			continue
		}
		samples, err := e.samples(ctx, pl)
		if err != nil {
			return rep, err
		}
		rep.Samples[pl.t.Name] = samples
	}
	return rep, nil
}

func (e *Engine) samples(ctx context.Context, pl plan) ([]Sample, error) {
	rows, err := e.st.RO.QueryContext(ctx, "SELECT ext_id, data FROM records WHERE type = ? AND clock IS NOT NULL AND clock <= ? ORDER BY clock, rid LIMIT ?",
		pl.t.Name, pl.cutoff, e.opts.Samples)
	if err != nil {
		return nil, fmt.Errorf("listing due %s: %w", pl.t.Name, err)
	}
	defer rows.Close()
	var out []Sample
	for rows.Next() {
		var id string
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			return nil, fmt.Errorf("listing due %s: %w", pl.t.Name, err)
		}
		label := pl.t.LabelEN
		if r, err := record.DecodeData(pl.t, id, data); err == nil {
			if n := r.String("number"); n != "" {
				label += " " + n
			} else if pl.t.Name == "customer" && r.CustomerNumber() != "" {
				label += " " + r.CustomerNumber()
			}
		}
		out = append(out, Sample{ID: id, Label: label})
	}
	return out, rows.Err()
}

// Run applies every enabled policy to the records due at now, in batches of one
// transaction each, then brings the search index up to date and purges it, runs the
// registered jobs, and truncates the WAL. The counts go to the anonymisation history under
// trigger ("startup", "hourly", "cli", ...). A second run at the same now changes nothing.
// On cancellation the batches already committed stay committed and counted.
func (e *Engine) Run(ctx context.Context, now time.Time, trigger string) (Report, error) {
	return e.runOnly(ctx, now, trigger, "")
}

// runOnly is Run limited to one type's policy (and no jobs) when only is set.
func (e *Engine) runOnly(ctx context.Context, now time.Time, trigger, only string) (Report, error) {
	rep := Report{Now: now.UTC(), Types: map[string]*Counts{}, Jobs: map[string]int{}}
	plans, err := e.plans(ctx, now)
	if err != nil {
		return rep, err
	}
	if only != "" {
		plans = slices.DeleteFunc(plans, func(p plan) bool { return p.t.Name != only })
	}
	if rep.RunID, err = startRun(ctx, e.st, time.Now(), now, trigger); err != nil {
		return rep, err
	}
	err = e.run(ctx, now, plans, only == "", &rep)
	// Even a run cut short truncates the WAL: its committed batches' old pages go too.
	if cerr := e.st.Checkpoint(context.WithoutCancel(ctx)); err == nil {
		err = cerr
	}
	if ferr := finishRun(context.WithoutCancel(ctx), e.st, rep.RunID, err); err == nil {
		err = ferr
	}
	return rep, err
}

func (e *Engine) run(ctx context.Context, now time.Time, plans []plan, withJobs bool, rep *Report) error {
	word := e.st.ReplacementWord()
	changed := false
	for _, pl := range plans {
		if pl.act == doAnonymise && !e.goOnly {
			pl.sql, pl.useSQL = compileSQL(pl.t, word)
		}
		c := &Counts{}
		rep.Types[pl.t.Name] = c
		rids, err := e.dueRIDs(ctx, pl)
		if err != nil {
			return err
		}
		c.Due = len(rids)
		// In row order: neighbouring records share pages, so a batch dirties fewer of them.
		for len(rids) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			chunk := rids[:min(len(rids), e.opts.Batch)]
			rids = rids[len(chunk):]
			// One checkpoint at the end of the run (runOnly), not one per 1,000 WAL pages.
			n, err := e.batch(store.Bulk(ctx), pl, word, now, rep.RunID, chunk, c)
			if err != nil {
				return err
			}
			changed = changed || n > 0
			if progress := e.progressFunc(); progress != nil {
				progress(Progress{Type: pl.t.Name, Done: c.Anonymised + c.Deleted, Due: c.Due})
			}
			if e.opts.Index != nil && n > 0 {
				if err := e.opts.Index.Apply(ctx); err != nil {
					return fmt.Errorf("updating the search index: %w", err)
				}
			}
		}
	}
	if !changed && e.opts.Index != nil {
		// An erasure that a crash (or a process that stopped) kept from its purge is purged
		// by the next run, whatever it finds due (store.MarkErasure).
		pending, err := e.st.PurgePending(ctx)
		if err != nil {
			return err
		}
		changed = pending > 0
	}
	if changed && e.opts.Index != nil {
		if err := e.opts.Index.Apply(ctx); err != nil {
			return fmt.Errorf("updating the search index: %w", err)
		}
		if err := e.opts.Index.Purge(ctx); err != nil {
			return fmt.Errorf("purging erased values from the search index: %w", err)
		}
	}
	if withJobs {
		return e.runJobs(ctx, now, rep)
	}
	return nil
}

// dueRIDs lists the row ids of a policy's due records, in row order.
func (e *Engine) dueRIDs(ctx context.Context, pl plan) ([]int64, error) {
	rows, err := e.st.DB.QueryContext(ctx, "SELECT rid FROM records WHERE type = ? AND clock IS NOT NULL AND clock <= ?", pl.t.Name, pl.cutoff)
	if err != nil {
		return nil, fmt.Errorf("finding due %s: %w", pl.t.Name, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var rid int64
		if err := rows.Scan(&rid); err != nil {
			return nil, fmt.Errorf("finding due %s: %w", pl.t.Name, err)
		}
		out = append(out, rid)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("finding due %s: %w", pl.t.Name, err)
	}
	slices.Sort(out)
	return out, nil
}

// batch handles the due records among rids (ascending) of one policy in one transaction
// and returns how many it handled. Due-ness is checked again inside the transaction, so a
// record changed since the rids were listed is judged as it is now.
func (e *Engine) batch(ctx context.Context, pl plan, word string, now time.Time, runID int64, rids []int64, c *Counts) (int, error) {
	n := 0
	err := e.st.Update(ctx, func(tx *store.Tx) error {
		tx.MarkErasure() // the bulk rules below write in SQL
		if pl.useSQL {
			anon, err := sqlBatch(tx, pl, pl.sql, rids, now.Unix())
			if err != nil {
				return err
			}
			n = anon
			c.Anonymised += anon
			return recordCounts(tx, runID, pl.t.Name, c.Due, anon, 0)
		}
		if pl.act == doDeleteRow {
			del, err := sqlDeleteBatch(tx, pl, rids)
			if err != nil {
				return err
			}
			n = del
			c.Deleted += del
			return recordCounts(tx, runID, pl.t.Name, c.Due, 0, del)
		}
		recs, recRIDs, err := dueBatch(ctx, tx, pl, rids)
		if err != nil {
			return err
		}
		var anon, del int
		for i, r := range recs {
			switch pl.act {
			case doHardDelete:
				if _, err := tx.HardDelete(r.Type.Name, r.ID); err != nil {
					return err
				}
				del++
			default:
				if pl.t.Retention.ClearInbound {
					// Before the rewrite: a customer's links are found by its own number.
					if _, err := tx.ClearInbound(r); err != nil {
						return err
					}
				}
				oldRefs := r.Refs()
				Anonymise(r, word)
				delete(r.Values, registry.FieldVersions) // old values are personal data
				if err := tx.Rewrite(recRIDs[i], r.Prepare(), oldRefs, true, now.Unix()); err != nil {
					return err
				}
				anon++
			}
		}
		if err := recordCounts(tx, runID, pl.t.Name, c.Due, anon, del); err != nil {
			return err
		}
		n = len(recs)
		c.Anonymised += anon
		c.Deleted += del
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("anonymising %s: %w", pl.t.Name, err)
	}
	return n, nil
}

// recordCounts adds a batch's counts to the run's history row for the type.
func recordCounts(tx *store.Tx, runID int64, typeName string, due, anon, del int) error {
	if anon+del == 0 {
		return nil
	}
	if _, err := tx.Exec(`INSERT INTO anonymisation_counts(run_id, type, due, anonymised, deleted) VALUES(?, ?, ?, ?, ?)
ON CONFLICT(run_id, type) DO UPDATE SET due = excluded.due, anonymised = anonymised + excluded.anonymised, deleted = deleted + excluded.deleted`,
		runID, typeName, due, anon, del); err != nil {
		return fmt.Errorf("recording the anonymisation history: %w", err)
	}
	return nil
}

// dueBatch reads the records among rids that are still due, with their row ids, in one
// query by row id (a range scan would read every record of every type in between).
func dueBatch(ctx context.Context, tx *store.Tx, pl plan, rids []int64) ([]*record.Record, []int64, error) {
	args := make([]any, 0, len(rids)+2)
	args = append(args, pl.t.Name, pl.cutoff)
	for _, rid := range rids {
		args = append(args, rid)
	}
	q := "SELECT rid, ext_id, data FROM records WHERE type = ? AND clock IS NOT NULL AND clock <= ? AND rid IN (?" +
		strings.Repeat(", ?", len(rids)-1) + ") ORDER BY rid"
	rows, err := tx.SQL().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("reading due records: %w", err)
	}
	defer rows.Close()
	out := make([]*record.Record, 0, len(rids))
	outRIDs := make([]int64, 0, len(rids))
	for rows.Next() {
		var rid int64
		var id string
		var data []byte
		if err := rows.Scan(&rid, &id, &data); err != nil {
			return nil, nil, fmt.Errorf("reading due records: %w", err)
		}
		r, err := record.DecodeData(pl.t, id, data)
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s %s: %w", pl.t.Name, id, err)
		}
		out = append(out, r)
		outRIDs = append(outRIDs, rid)
	}
	return out, outRIDs, rows.Err()
}

func (e *Engine) runJobs(ctx context.Context, now time.Time, rep *Report) error {
	e.mu.Lock()
	jobs := slices.Clone(e.jobs)
	e.mu.Unlock()
	var errs []error
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := j.Run(ctx, now)
		rep.Jobs[j.Name()] = n
		msg := ""
		if err != nil {
			msg = err.Error()
			errs = append(errs, fmt.Errorf("running job %s: %w", j.Name(), err))
		}
		if _, err := e.st.DB.ExecContext(ctx, "INSERT OR REPLACE INTO anonymisation_job_counts(run_id, job, count, error) VALUES(?, ?, ?, ?)",
			rep.RunID, j.Name(), n, msg); err != nil {
			return fmt.Errorf("recording the job history: %w", err)
		}
	}
	return errors.Join(errs...)
}

// AfterDelete runs the policy of one record's type right after a delete, for the policies
// whose period is 0 days ("N = 0 means at once"), with the same batches, search-index purge
// and checkpoint as a full run but no other policy and no jobs. It reports whether the
// record was anonymised.
func (e *Engine) AfterDelete(ctx context.Context, typeName, id string, now time.Time) (bool, error) {
	p, err := PolicyOf(ctx, e.st.DB, typeName)
	if errors.Is(err, ErrNoPolicy) {
		return false, nil
	}
	if err != nil || !p.Enabled || p.Days != 0 || p.OnDelete == store.OnDeleteDelete || p.Fixed {
		return false, err
	}
	rep, err := e.runOnly(ctx, now, TriggerDelete, typeName)
	if err != nil {
		return false, err
	}
	c := rep.Types[typeName]
	return c != nil && c.Anonymised > 0, nil
}

// TypeNames returns a report's types in the data map's order.
func (r *Report) TypeNames() []string {
	order := map[string]int{}
	for i, n := range registry.Names() {
		order[n] = i
	}
	names := make([]string, 0, len(r.Types))
	for n := range r.Types {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return order[names[i]] < order[names[j]] })
	return names
}
