package desktop

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dataskydd/backend/registry"
	"dataskydd/backend/store"
	"dataskydd/backend/version"
)

// StatusService tells the version and what the data folder holds.
type StatusService struct{ *Core }

// StatusInfo is what the overview screen shows.
type StatusInfo struct {
	Version     string      `json:"version"`
	DataDir     string      `json:"dataDir"`
	StoreExists bool        `json:"storeExists"`
	Total       int         `json:"total"`
	Types       []TypeCount `json:"types"` // every registry type, in the data map's order
}

// TypeCount is the number of records of one type, with the registry's labels.
type TypeCount struct {
	Type    string `json:"type"`
	Area    string `json:"area"` // Workcloud, Time, GDPR, Settings; "" for the system log
	LabelSV string `json:"labelSv"`
	LabelEN string `json:"labelEn"`
	Count   int    `json:"count"`
}

// Version returns the app's version.
func (a *StatusService) Version() (string, error) { return version.Get().Version, nil }

// Status reports the data folder, whether a store exists there, and how many
// records of each type it holds.
func (a *StatusService) Status() (StatusInfo, error) {
	info := StatusInfo{Version: version.Get().Version, DataDir: a.dataDir}
	if _, err := a.currentSession(); err != nil {
		return info, err
	}
	st, err := a.store()
	if codeOf(err) == CodeNoStore {
		info.Types = typeCounts(nil)
		return info, nil
	}
	if err != nil {
		return info, fail(codeOf(err), err)
	}
	counts, err := st.Counts(a.ctx)
	if err != nil {
		return info, fail(codeOf(err), err)
	}
	info.StoreExists = true
	info.Types = typeCounts(counts)
	for _, c := range info.Types {
		info.Total += c.Count
	}
	return info, nil
}

// typeCounts lists every registry type with its count (0 when absent from counts).
func typeCounts(counts map[string]int64) []TypeCount {
	types := registry.Types()
	out := make([]TypeCount, 0, len(types))
	for _, t := range types {
		out = append(out, TypeCount{Type: t.Name, Area: t.Area, LabelSV: t.LabelSV, LabelEN: t.LabelEN, Count: int(counts[t.Name])})
	}
	return out
}

// shownCounts is the types of counts with records, in the data map's order.
func shownCounts(counts map[string]int) []TypeCount {
	wide := make(map[string]int64, len(counts))
	for t, n := range counts {
		wide[t] = int64(n)
	}
	out := []TypeCount{}
	for _, c := range typeCounts(wide) {
		if c.Count > 0 {
			out = append(out, c)
		}
	}
	return out
}

// store returns the open store, opening it on first use. While the data folder
// holds none it returns errNoStore; the CLI's init (or, later, the first-run
// screen) creates one and the next call opens it.
func (a *Core) store() (*store.Store, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.st != nil {
		return a.st, nil
	}
	if _, err := os.Stat(filepath.Join(a.dataDir, store.FileName)); errors.Is(err, fs.ErrNotExist) {
		return nil, errNoStore
	}
	if err := a.lockFolder(); err != nil {
		return nil, err
	}
	st, err := store.Open(context.WithoutCancel(a.ctx), a.dataDir)
	if err != nil {
		a.unlockFolder()
	}
	if errors.Is(err, store.ErrNoStore) {
		return nil, errNoStore
	}
	if err != nil {
		return nil, fmt.Errorf("opening the store: %w", err)
	}
	a.st = st
	return st, nil
}
