package desktop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/vault"
)

// LogsService is the logs as an audit view: CSV export and one secure-data entry event.
type LogsService struct{ *Core }

// The logs screen as an audit view: its filtered list exported as CSV, and the secure-data
// entry an event names (its form), so the event's link opens the entry.

// ChooseCSVFile opens the native save dialog for a CSV file named after what is exported
// ("" when the user cancels).
func (a *LogsService) ChooseCSVFile(name string) (string, error) {
	if _, _, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer); err != nil {
		return "", err
	}
	if name == "" {
		name = "dataskydd"
	}
	path, err := a.rt.SaveFile(FileDialog{
		Title:       "Dataskydd",
		DefaultName: name + "-" + time.Now().Format("2006-01-02") + ".csv",
		Filters:     []FileFilter{{DisplayName: "CSV (*.csv)", Pattern: "*.csv"}},
	})
	if err != nil {
		return "", fail(CodeInternal, fmt.Errorf("opening the save dialog: %w", err))
	}
	return path, nil
}

// ExportRecordsCSV writes every record the query selects (a log filtered by person, action
// and period) to path as CSV, values as stored (times RFC 3339 UTC), and returns how many.
// It writes beside path and renames, so a failure leaves no half-written file.
func (a *LogsService) ExportRecordsCSV(q records.Query, path string) (int, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin, auth.RoleGDPROfficer)
	if err != nil {
		return 0, err
	}
	if path == "" {
		return 0, fail(CodeBadRequest, errors.New("no file to export to"))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dataskydd-*.csv")
	if err != nil {
		return 0, fail(CodeInternal, fmt.Errorf("creating %s: %w", path, err))
	}
	defer os.Remove(tmp.Name())
	n, err := s.Records.WriteCSV(a.ctx, sess, q, tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return 0, a.logFail(sess, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fail(CodeInternal, fmt.Errorf("saving %s: %w", path, err))
	}
	return n, nil
}

// VaultEntry returns one secure-data entry (its form and plain values, never a secret) to
// someone who may read its form: the event log links to entries by id.
func (a *LogsService) VaultEntry(entryID string) (vault.Entry, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return vault.Entry{}, err
	}
	e, err := s.Vault.Entry(a.ctx, sess, entryID)
	return e, securityFail(err)
}
