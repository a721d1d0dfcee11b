package desktop

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/jsonl"
)

// TransferService moves records in and out: JSON Lines import and export, and Cancel.
type TransferService struct{ *Core }

// ImportResult is the outcome of one import: counts per type when it succeeded, or
// the problems found, in which case nothing was written.
type ImportResult struct {
	Total    int             `json:"total"`
	Types    []TypeCount     `json:"types"` // only the types the files held
	Problems []ImportProblem `json:"problems"`
}

// ImportProblem is one bad line: where it is and which field is wrong.
type ImportProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`  // 0: the file or the import as a whole
	Field   string `json:"field"` // "" when the line as a whole is wrong
	Message string `json:"message"`
}

// ChooseImportFiles opens the native open-file dialog for JSON Lines files and
// returns the chosen paths (none when the user cancels).
func (a *TransferService) ChooseImportFiles() ([]string, error) {
	if _, _, err := a.requireRole(auth.RoleAdmin); err != nil {
		return nil, err
	}
	paths, err := a.rt.OpenFiles(FileDialog{
		Title: "Dataskydd",
		Filters: []FileFilter{
			{DisplayName: "JSON Lines (*.jsonl, *.ndjson, *.json)", Pattern: "*.jsonl;*.ndjson;*.json"},
			{DisplayName: "*", Pattern: "*"},
		},
	})
	if err != nil {
		return nil, fail(CodeInternal, fmt.Errorf("opening the file dialog: %w", err))
	}
	if paths == nil {
		paths = []string{}
	}
	return paths, nil
}

// ImportFiles imports JSON Lines files into the store in one transaction, sending
// [EventImportProgress] while it reads. A rejected file comes back as Problems,
// and then nothing was written; other failures are errors with a code.
func (a *TransferService) ImportFiles(paths []string) (ImportResult, error) {
	res := ImportResult{Types: []TypeCount{}, Problems: []ImportProblem{}}
	if _, _, err := a.requireRole(auth.RoleAdmin); err != nil {
		return res, err
	}
	if len(paths) == 0 {
		return res, fail(CodeBadRequest, errors.New("no files to import"))
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return res, fail(codeOf(err), fmt.Errorf("reading %s: %w", p, err))
		}
	}
	st, ctx, end, err := a.beginTransfer()
	if err != nil {
		return res, err
	}
	defer end()
	report := throttle(EventImportProgress, a.emit, 100*time.Millisecond)
	out, err := jsonl.Import(ctx, st, paths, jsonl.Options{Progress: report})
	a.emit(EventImportProgress, Progress{Finished: true})
	var lineErr *jsonl.LineError
	switch {
	case errors.As(err, &lineErr):
		res.Problems = append(res.Problems, ImportProblem{File: lineErr.File, Line: lineErr.Line, Field: lineErr.Field, Message: lineErr.Msg})
		return res, nil
	case errors.Is(err, jsonl.ErrImport):
		res.Problems = append(res.Problems, ImportProblem{Message: err.Error()})
		return res, nil
	case ctx.Err() != nil:
		return res, fail(CodeCancelled, fmt.Errorf("importing: %w", context.Canceled))
	case err != nil:
		return res, fail(codeOf(err), err)
	}
	res.Types = shownCounts(out.Counts)
	res.Total = out.Records
	// The records are committed and queued for the search index in the same transaction;
	// bring the index up to date so the person search finds them at once.
	if svc, err := a.svc(); err == nil {
		if err := svc.Sync(context.WithoutCancel(ctx)); err != nil {
			return res, fail(codeOf(err), fmt.Errorf("imported, but updating the search index failed (Settings > Search can rebuild it): %w", err))
		}
	}
	a.emit(EventStoreChanged, nil)
	return res, nil
}

// throttle turns a progress callback into events, at most one per interval.
func throttle(name EventName, emit func(EventName, any), every time.Duration) func(done, total int64) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if now := time.Now(); now.Sub(last) >= every || done == total {
			last = now
			emit(name, Progress{Done: done, Total: total})
		}
	}
}
