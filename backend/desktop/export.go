package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/jsonl"
	"dataskydd/backend/registry"
)

// ExportResult is the outcome of an export: where it went and what it holds.
type ExportResult struct {
	Path  string      `json:"path"`
	Total int         `json:"total"`
	Types []TypeCount `json:"types"` // only the types written
}

// ChooseExportFile opens the native save dialog and returns the chosen path ("" when
// the user cancels).
func (a *TransferService) ChooseExportFile() (string, error) {
	if _, _, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer); err != nil {
		return "", err
	}
	path, err := a.rt.SaveFile(FileDialog{
		Title:       "Dataskydd",
		DefaultName: "dataskydd-" + time.Now().Format("2006-01-02") + ".jsonl",
		Filters:     []FileFilter{{DisplayName: "JSON Lines (*.jsonl)", Pattern: "*.jsonl"}},
	})
	if err != nil {
		return "", fail(CodeInternal, fmt.Errorf("opening the save dialog: %w", err))
	}
	return path, nil
}

// ExportFile writes the store (or only records of typeName, when given) to path as
// JSON Lines, sending [EventExportProgress]. It writes beside path and renames, so a
// failed or cancelled export leaves no half-written file.
func (a *TransferService) ExportFile(path, typeName string) (ExportResult, error) {
	res := ExportResult{Path: path, Types: []TypeCount{}}
	if _, _, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer); err != nil {
		return res, err
	}
	if path == "" {
		return res, fail(CodeBadRequest, errors.New("no file to export to"))
	}
	if _, ok := registry.Get(typeName); typeName != "" && !ok {
		return res, fail(CodeBadRequest, fmt.Errorf("unknown type %q", typeName))
	}
	st, err := a.store()
	if err != nil {
		return res, fail(codeOf(err), err)
	}
	ctx, end, err := a.op.begin(a.ctx)
	if err != nil {
		return res, fail(codeOf(err), err)
	}
	defer end()

	tmp, err := os.CreateTemp(filepath.Dir(path), ".dataskydd-export-*")
	if err != nil {
		return res, fail(codeOf(err), fmt.Errorf("creating %s: %w", path, err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename this finds nothing
	defer tmp.Close()
	w := bufio.NewWriterSize(tmp, 1<<20)
	report := throttle(EventExportProgress, a.emit, 100*time.Millisecond)
	out, err := jsonl.Export(ctx, st, w, jsonl.ExportOptions{Type: typeName, Progress: report})
	a.emit(EventExportProgress, Progress{Finished: true})
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return res, fail(codeOf(err), fmt.Errorf("exporting to %s: %w", path, err))
	}
	counts := make(map[string]int64, len(out.Counts))
	for t, n := range out.Counts {
		counts[t] = int64(n)
	}
	for _, c := range typeCounts(counts) {
		if c.Count > 0 {
			res.Types = append(res.Types, c)
		}
	}
	res.Total = out.Records
	return res, nil
}
