package twofactor

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"dataskydd/backend/normalize"
)

// PersonKind is the record type a person is kept as.
type PersonKind string

// The people two-factor authentication can challenge.
const (
	Employee      PersonKind = "user"           // an employee: the user record
	ContactPerson PersonKind = "contact_person" // a customer's contact person
	Customer      PersonKind = "customer"       // a private customer (kind = private)
)

// PersonRef names a person: the record type and its external id.
type PersonRef struct {
	Kind PersonKind `json:"kind"`
	ID   string     `json:"id"`
}

func (r PersonRef) key() string { return string(r.Kind) + ":" + r.ID }

func (r PersonRef) valid() bool {
	return r.ID != "" && (r.Kind == Employee || r.Kind == ContactPerson || r.Kind == Customer)
}

// Person is what the engine needs of a person record.
type Person struct {
	Ref          PersonRef
	CustomerKind string // customers only: "private" or "company"
	MobilePhone  string
	PrivatePhone string
	WorkPhone    string
}

// People finds persons; RecordPeople reads them from the store.
type People interface {
	Person(ctx context.Context, ref PersonRef) (Person, error)
}

// PickPhone returns the number a code goes to: the mobile phone, else the
// private phone, else the work phone, in E.164 (Sweden is the default region).
// A value that is not a phone number is passed over. With none left it
// returns a *NoPhoneError.
func PickPhone(p Person) (string, error) {
	if p.Ref.Kind == Customer && p.CustomerKind != "private" {
		return "", fmt.Errorf("customer %s is a company, not a private customer: %w", p.Ref.ID, ErrNotAPerson)
	}
	var bad []string
	for _, f := range []struct{ name, value string }{
		{"mobile_phone", p.MobilePhone}, {"private_phone", p.PrivatePhone}, {"work_phone", p.WorkPhone},
	} {
		if f.value == "" {
			continue
		}
		if e164, ok := normalize.Phone(f.value); ok {
			return e164, nil
		}
		bad = append(bad, f.name)
	}
	where := WhereSettingsUsers
	switch p.Ref.Kind {
	case Customer:
		where = WhereCustomerCard
	case ContactPerson:
		where = WhereCustomerContact
	}
	return "", &NoPhoneError{Person: p.Ref, Where: where, Bad: bad}
}

// RecordPeople reads persons from the store's records table.
type RecordPeople struct{ DB *sql.DB }

// Person implements People.
func (rp RecordPeople) Person(ctx context.Context, ref PersonRef) (Person, error) {
	if !ref.valid() {
		return Person{}, fmt.Errorf("looking up %s %q: %w", ref.Kind, ref.ID, ErrNotAPerson)
	}
	var data string
	err := rp.DB.QueryRowContext(ctx, "SELECT data FROM records WHERE type = ? AND ext_id = ?", string(ref.Kind), ref.ID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, fmt.Errorf("looking up %s %s: %w", ref.Kind, ref.ID, ErrPersonNotFound)
	}
	if err != nil {
		return Person{}, fmt.Errorf("looking up %s %s: %w", ref.Kind, ref.ID, err)
	}
	var v struct {
		Kind         string `json:"kind"`
		MobilePhone  string `json:"mobile_phone"`
		PrivatePhone string `json:"private_phone"`
		WorkPhone    string `json:"work_phone"`
	}
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		return Person{}, fmt.Errorf("reading %s %s: %w", ref.Kind, ref.ID, err)
	}
	return Person{Ref: ref, CustomerKind: v.Kind, MobilePhone: v.MobilePhone, PrivatePhone: v.PrivatePhone, WorkPhone: v.WorkPhone}, nil
}
