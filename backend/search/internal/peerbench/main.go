// Command peerbench builds the peers of the index benchmark (make bench-index, issue 15)
// over a JSON Lines export: every string of each record as one text, indexed by a plain
// Bleve Builder with one field (standard analyzer, nothing stored) and by SQLite FTS5
// (unicode61 remove_diacritics 2; only when built with -tags sqlite_fts5). For each it
// prints one tab-separated line: name, records, seconds, bytes on disk, seconds of the
// reading and JSON decoding included, and CPU seconds (user and system, decoding included).
//
//	go run -tags sqlite_fts5 ./backend/search/internal/peerbench FILE.jsonl WORKDIR
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/mapping"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: peerbench FILE.jsonl WORKDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "peerbench:", err)
		os.Exit(1)
	}
}

func run(file, work string) error {
	start, cpu0 := time.Now(), cpuSeconds()
	texts, err := readTexts(file)
	if err != nil {
		return err
	}
	decode, decodeCPU := time.Since(start).Seconds(), cpuSeconds()-cpu0
	if err := os.MkdirAll(work, 0o700); err != nil {
		return err
	}
	dir := filepath.Join(work, "bleve-builder")
	_ = os.RemoveAll(dir)
	cpu0 = cpuSeconds()
	secs, err := bleveBuilder(dir, texts)
	if err != nil {
		return fmt.Errorf("bleve builder: %w", err)
	}
	cpu := cpuSeconds() - cpu0 + decodeCPU
	fmt.Printf("bleve-builder\t%d\t%.3f\t%d\t%.3f\t%.3f\n", len(texts), secs+decode, size(dir), decode, cpu)
	db := filepath.Join(work, "fts5.db")
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		_ = os.Remove(p)
	}
	cpu0 = cpuSeconds()
	secs, err = fts5(db, texts)
	if err != nil {
		return fmt.Errorf("fts5: %w", err)
	}
	cpu = cpuSeconds() - cpu0 + decodeCPU
	if secs >= 0 {
		fmt.Printf("fts5\t%d\t%.3f\t%d\t%.3f\t%.3f\n", len(texts), secs+decode, size(db), decode, cpu)
	}
	return nil
}

// readTexts reads each record of the export as the text of all its strings.
func readTexts(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []string
	var b strings.Builder
	for sc.Scan() {
		var v any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, len(out)+1, err)
		}
		b.Reset()
		strs(v, &b)
		out = append(out, b.String())
	}
	return out, sc.Err()
}

func strs(v any, b *strings.Builder) {
	switch x := v.(type) {
	case string:
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	case []any:
		for _, e := range x {
			strs(e, b)
		}
	case map[string]any:
		for _, e := range x {
			strs(e, b)
		}
	}
}

// bleveBuilder indexes the texts with bleve.NewBuilder, one field, standard analyzer.
func bleveBuilder(dir string, texts []string) (float64, error) {
	start := time.Now()
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = standard.Name
	doc := mapping.NewDocumentStaticMapping()
	f := mapping.NewTextFieldMapping()
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	doc.AddFieldMappingsAt("text", f)
	m.DefaultMapping = doc
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	b, err := bleve.NewBuilder(dir, m, map[string]any{"buildPathPrefix": filepath.Dir(dir)})
	if err != nil {
		return 0, err
	}
	for i, t := range texts {
		if err := b.Index(strconv.Itoa(i), map[string]any{"text": t}); err != nil {
			return 0, err
		}
	}
	if err := b.Close(); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}

func size(path string) int64 {
	var n int64
	_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
