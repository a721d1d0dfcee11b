package desktop

import (
	"errors"

	"dataskydd/backend/auth"
	"dataskydd/backend/records"
	"dataskydd/backend/services"
)

// RecordsService lists, reads, saves and deletes records of the data map's types.
type RecordsService struct{ *Core }

// RecordSchemas describes the record types the logged-in user may read, in the data map's
// order, with every field: the record screens are generated from it.
func (a *RecordsService) RecordSchemas() ([]records.TypeSchema, error) {
	sess, _, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	return records.SchemasFor(sess), nil
}

// ListRecords returns one page of a type's records, sorted and filtered in the database.
func (a *RecordsService) ListRecords(q records.Query) (records.Page, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return records.Page{}, err
	}
	page, err := s.Records.List(a.ctx, sess, q)
	if err != nil {
		return records.Page{}, a.logFail(sess, err)
	}
	return page, nil
}

// LookupRecords returns up to limit (at most 50) records of a type whose id, customer number
// or name contains text, for the edit form's link pickers: {value, id, name}, where value is
// what a link carries (a customer's customer number, otherwise the id). Same access as
// ListRecords.
func (a *RecordsService) LookupRecords(typeName, text string, limit int) ([]records.Option, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	opts, err := s.Records.Lookup(a.ctx, sess, typeName, text, limit)
	if err != nil {
		return nil, a.logFail(sess, err)
	}
	return opts, nil
}

// GetRecord reads one record with its child rows and version history.
func (a *RecordsService) GetRecord(typeName, id string) (records.Detail, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return records.Detail{}, err
	}
	d, err := s.Records.Get(a.ctx, sess, typeName, id)
	if err != nil {
		return records.Detail{}, a.logFail(sess, err)
	}
	return d, nil
}

// SaveResult is a saved record, or the field problems that kept it from being saved.
type SaveResult struct {
	Record   *records.Detail `json:"record"`
	Problems []FieldProblem  `json:"problems"`
}

// FieldProblem is a value the form must correct ("" field: the record as a whole).
type FieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// SaveRecord creates (create true) or replaces a record from the form's values, validated
// as an import line is. An edit writes a version-history entry; both write an event.
func (a *RecordsService) SaveRecord(typeName, id string, values map[string]any, create bool) (SaveResult, error) {
	res := SaveResult{Problems: []FieldProblem{}}
	sess, s, err := a.requireRole()
	if err != nil {
		return res, err
	}
	if err := a.guardPhoneChange(s, sess, typeName, id, values, create); err != nil { // twofactor.go
		return res, err
	}
	d, err := s.Records.Save(a.ctx, sess, typeName, id, values, create)
	var ve *records.ValidationError
	if errors.As(err, &ve) {
		res.Problems = append(res.Problems, FieldProblem{Field: ve.Field, Message: ve.Msg})
		return res, nil
	}
	if err != nil {
		return res, a.logFail(sess, err)
	}
	if err := s.AfterWrite(a.ctx, "", ""); err != nil {
		return res, a.logFail(sess, err)
	}
	a.emit(EventStoreChanged, nil)
	res.Record = &d
	return res, nil
}

// RecordDeleteEffect says what deleting a record of the type does: "delete" (gone at once,
// links to it cleared), "anonymise" (kept, anonymised by its policy) or "mark" (marked
// deleted; its retention policy anonymises it later).
func (a *RecordsService) RecordDeleteEffect(typeName string) (string, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return "", err
	}
	effect, err := s.Records.DeleteEffect(a.ctx, typeName)
	if err != nil {
		return "", a.logFail(sess, err)
	}
	return effect, nil
}

// DeleteRecord deletes a record the way its type deletes and returns what happened.
func (a *RecordsService) DeleteRecord(typeName, id string) (string, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return "", err
	}
	return a.deleteRecord(sess, s, typeName, id)
}

// deleteRecord deletes one record as sess, then runs what a deletion sets off.
func (a *Core) deleteRecord(sess auth.Session, s *services.Services, typeName, id string) (string, error) {
	what, err := s.Records.Delete(a.ctx, sess, typeName, id)
	if err != nil {
		return "", a.logFail(sess, err)
	}
	if err := s.AfterWrite(a.ctx, typeName, id); err != nil {
		return "", a.logFail(sess, err)
	}
	a.emit(EventStoreChanged, nil)
	return what, nil
}
