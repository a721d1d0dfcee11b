package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"dataskydd/backend/atomicfile"
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
	st, ctx, end, err := a.beginTransfer()
	if err != nil {
		return res, err
	}
	defer end()

	var out jsonl.Result
	report := throttle(EventExportProgress, a.emit, 100*time.Millisecond)
	err = atomicfile.Write(path, func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<20)
		var err error
		if out, err = jsonl.Export(ctx, st, w, jsonl.ExportOptions{Type: typeName, Progress: report}); err != nil {
			return err
		}
		return w.Flush()
	})
	a.emit(EventExportProgress, Progress{Finished: true})
	if err != nil {
		return res, fail(codeOf(err), fmt.Errorf("exporting to %s: %w", path, err))
	}
	res.Types = shownCounts(out.Counts)
	res.Total = out.Records
	return res, nil
}
