package search

import (
	"reflect"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// termsField is one indexed field of a document holding terms found beforehand, every
// value's terms of that field together: the index holds a document's terms per field (no
// positions, no frequencies: termOpts), so one field of all of them is the same index as
// one field per value, without a token stream per value and its analysis per field.
type termsField struct {
	name  string
	freqs bindex.TokenFrequencies
	n     int // terms added, repeats too (what a token stream's length was)
	bytes uint64
}

var _ document.Field = (*termsField)(nil)

var termsFieldSize = int(reflect.TypeOf(termsField{}).Size())

// add adds a term (once; the index keeps no frequencies).
func (f *termsField) add(term []byte) {
	f.n++
	if f.freqs == nil {
		f.freqs = bindex.TokenFrequencies{}
	}
	if _, ok := f.freqs[string(term)]; ok {
		return
	}
	f.freqs[string(term)] = &bindex.TokenFreq{Term: term}
	f.bytes += uint64(len(term))
}

func (f *termsField) Name() string                                      { return f.name }
func (f *termsField) ArrayPositions() []uint64                          { return nil }
func (f *termsField) Options() bindex.FieldIndexingOptions              { return termOpts }
func (f *termsField) Analyze()                                          {}
func (f *termsField) Value() []byte                                     { return nil }
func (f *termsField) NumPlainTextBytes() uint64                         { return f.bytes }
func (f *termsField) EncodedFieldType() byte                            { return 't' }
func (f *termsField) AnalyzedLength() int                               { return f.n }
func (f *termsField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }
func (f *termsField) Size() int                                         { return termsFieldSize + len(f.name) + int(f.bytes) }
