package retention

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dataskydd/backend/store"
)

// Run triggers, as the history records them.
const (
	TriggerStartup = "startup"
	TriggerHourly  = "hourly"
	TriggerManual  = "manual"
	TriggerCLI     = "cli"
	TriggerDelete  = "delete"
)

// keepEmptyRuns is how long the history keeps runs that found nothing to do.
const keepEmptyRuns = 30 * 24 * time.Hour

func startRun(ctx context.Context, st *store.Store, started, asOf time.Time, trigger string) (int64, error) {
	// Hourly runs that found nothing would pile up: keep them for a month only.
	if _, err := st.DB.ExecContext(ctx, `DELETE FROM anonymisation_runs WHERE started_at < ? AND error = ''
AND NOT EXISTS (SELECT 1 FROM anonymisation_counts c WHERE c.run_id = anonymisation_runs.id)
AND NOT EXISTS (SELECT 1 FROM anonymisation_job_counts j WHERE j.run_id = anonymisation_runs.id AND j.count > 0)`,
		started.Add(-keepEmptyRuns).Unix()); err != nil {
		return 0, fmt.Errorf("pruning the anonymisation history: %w", err)
	}
	res, err := st.DB.ExecContext(ctx, "INSERT INTO anonymisation_runs(started_at, as_of, trigger) VALUES(?, ?, ?)",
		started.Unix(), asOf.Unix(), trigger)
	if err != nil {
		return 0, fmt.Errorf("recording the anonymisation run: %w", err)
	}
	return res.LastInsertId()
}

// cancelledRun is the error recorded for a cancelled run (context.Canceled's text, as runs
// recorded it before).
var cancelledRun = context.Canceled.Error()

func finishRun(ctx context.Context, st *store.Store, id int64, runErr error) error {
	msg := ""
	switch {
	case errors.Is(runErr, context.Canceled):
		msg = cancelledRun // one text for every cancelled run, so History can tell them
	case runErr != nil:
		msg = runErr.Error()
	}
	if _, err := st.DB.ExecContext(ctx, "UPDATE anonymisation_runs SET finished_at = ?, error = ? WHERE id = ?", time.Now().Unix(), msg, id); err != nil {
		return fmt.Errorf("recording the end of the anonymisation run: %w", err)
	}
	return nil
}

// HistoryEntry is one run in the anonymisation history: when, why and how many records per
// type. It holds no personal data.
type HistoryEntry struct {
	ID         int64              `json:"id"`
	StartedAt  time.Time          `json:"started_at"`
	AsOf       time.Time          `json:"as_of"`
	FinishedAt *time.Time         `json:"finished_at,omitempty"`
	Trigger    string             `json:"trigger"`
	Error      string             `json:"error,omitempty"`
	Cancelled  bool               `json:"cancelled,omitempty"` // stopped (Cancel, shutdown) before it was done
	Types      map[string]*Counts `json:"types"`
	Jobs       map[string]int     `json:"jobs,omitempty"`
}

// History returns the latest runs, newest first (at most limit).
func History(ctx context.Context, db *sql.DB, limit int) ([]HistoryEntry, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, started_at, as_of, finished_at, trigger, error FROM anonymisation_runs ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("reading the anonymisation history: %w", err)
	}
	var out []HistoryEntry
	byID := map[int64]*HistoryEntry{}
	for rows.Next() {
		var h HistoryEntry
		var started, asOf int64
		var finished sql.NullInt64
		if err := rows.Scan(&h.ID, &started, &asOf, &finished, &h.Trigger, &h.Error); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading the anonymisation history: %w", err)
		}
		h.StartedAt, h.AsOf = time.Unix(started, 0).UTC(), time.Unix(asOf, 0).UTC()
		h.Cancelled = h.Error == cancelledRun
		if finished.Valid {
			t := time.Unix(finished.Int64, 0).UTC()
			h.FinishedAt = &t
		}
		h.Types = map[string]*Counts{}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the anonymisation history: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	for i := range out {
		byID[out[i].ID] = &out[i]
	}
	minID := out[len(out)-1].ID
	crows, err := db.QueryContext(ctx, "SELECT run_id, type, due, anonymised, deleted FROM anonymisation_counts WHERE run_id >= ?", minID)
	if err != nil {
		return nil, fmt.Errorf("reading the anonymisation history: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var id int64
		var typ string
		var c Counts
		if err := crows.Scan(&id, &typ, &c.Due, &c.Anonymised, &c.Deleted); err != nil {
			return nil, fmt.Errorf("reading the anonymisation history: %w", err)
		}
		if h := byID[id]; h != nil {
			h.Types[typ] = &c
		}
	}
	if err := crows.Err(); err != nil {
		return nil, fmt.Errorf("reading the anonymisation history: %w", err)
	}
	jrows, err := db.QueryContext(ctx, "SELECT run_id, job, count FROM anonymisation_job_counts WHERE run_id >= ?", minID)
	if err != nil {
		return nil, fmt.Errorf("reading the anonymisation history: %w", err)
	}
	defer jrows.Close()
	for jrows.Next() {
		var id int64
		var job string
		var n int
		if err := jrows.Scan(&id, &job, &n); err != nil {
			return nil, fmt.Errorf("reading the anonymisation history: %w", err)
		}
		if h := byID[id]; h != nil {
			if h.Jobs == nil {
				h.Jobs = map[string]int{}
			}
			h.Jobs[job] = n
		}
	}
	return out, jrows.Err()
}
