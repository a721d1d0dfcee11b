package twofactor_test

import (
	"errors"
	"strings"
	"testing"

	"dataskydd/backend/twofactor"
)

func TestPhonePriority(t *testing.T) {
	emp := twofactor.PersonRef{Kind: twofactor.Employee, ID: "U9"}
	for _, c := range []struct {
		name                  string
		mobile, private, work string
		want                  string
	}{
		{"mobile first", "070-123 45 67", "08-555 123 45", "031-12 34 56", "+46701234567"},
		{"private when no mobile", "", "08-555 123 45", "031-12 34 56", "+46855512345"},
		{"work when nothing else", "", "", "031-12 34 56", "+4631123456"},
		{"international kept", "+47 412 34 567", "", "", "+4741234567"},
		{"00 prefix", "0046701234567", "", "", "+46701234567"},
		{"a bad mobile is passed over", "ring växeln", "", "0701234568", "+46701234568"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := twofactor.PickPhone(twofactor.Person{Ref: emp, MobilePhone: c.mobile, PrivatePhone: c.private, WorkPhone: c.work})
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestNoPhoneTellsTheAdminWhere(t *testing.T) {
	for _, c := range []struct {
		p     twofactor.Person
		where string
		hint  string
	}{
		{twofactor.Person{Ref: twofactor.PersonRef{Kind: twofactor.Employee, ID: "U3"}}, twofactor.WhereSettingsUsers, "Settings > Users"},
		{twofactor.Person{Ref: twofactor.PersonRef{Kind: twofactor.ContactPerson, ID: "CP7"}, WorkPhone: "saknas"}, twofactor.WhereCustomerContact, "on the customer card, under the contact"},
		{twofactor.Person{Ref: twofactor.PersonRef{Kind: twofactor.Customer, ID: "1001"}, CustomerKind: "private"}, twofactor.WhereCustomerCard, "card of customer 1001"},
	} {
		_, err := twofactor.PickPhone(c.p)
		var np *twofactor.NoPhoneError
		if !errors.As(err, &np) || np.Where != c.where || !strings.Contains(np.AdminHint(), c.hint) {
			t.Fatalf("%v: %v / %+v", c.p.Ref, err, np)
		}
		if err.Error() != "no phone number is registered: contact your administrator" {
			t.Fatalf("message %q", err)
		}
	}
	_, err := twofactor.PickPhone(twofactor.Person{Ref: twofactor.PersonRef{Kind: twofactor.ContactPerson, ID: "CP7"}, WorkPhone: "saknas"})
	var np *twofactor.NoPhoneError
	if errors.As(err, &np); len(np.Bad) != 1 || np.Bad[0] != "work_phone" || !strings.Contains(np.AdminHint(), "work_phone") {
		t.Fatalf("bad value not reported: %+v", np)
	}
	_, err = twofactor.PickPhone(twofactor.Person{Ref: twofactor.PersonRef{Kind: twofactor.Customer, ID: "2002"}, CustomerKind: "company", MobilePhone: "0701234567"})
	if !errors.Is(err, twofactor.ErrNotAPerson) {
		t.Fatalf("company customer: %v", err)
	}
}

// TestRecordPeople reads the three kinds of person from real records.
func TestRecordPeople(t *testing.T) {
	e := newEnv(t)
	put(t, e.st, "contact_person", "CP7", map[string]any{"customer_number": "1001", "first_name": "Kim", "private_phone": "08-555 123 45", "work_phone": "031-12 34 56"})
	put(t, e.st, "customer", "1001", map[string]any{"customer_number": "1001", "kind": "private", "name": "Eva", "work_phone": "0701112233"})
	put(t, e.st, "customer", "2002", map[string]any{"customer_number": "2002", "kind": "company", "name": "AB", "mobile_phone": "0701112244"})
	people := twofactor.RecordPeople{DB: e.st.DB}
	for ref, want := range map[twofactor.PersonRef]string{
		{Kind: twofactor.ContactPerson, ID: "CP7"}: "+46855512345",
		{Kind: twofactor.Customer, ID: "1001"}:     "+46701112233",
		alice:                                      aliceMobile,
	} {
		p, err := people.Person(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := twofactor.PickPhone(p); got != want || err != nil {
			t.Fatalf("%v: %q %v", ref, got, err)
		}
	}
	if _, err := e.eng.Start(ctx, twofactor.PersonRef{Kind: twofactor.Customer, ID: "2002"}, twofactor.FlowQuotes); !errors.Is(err, twofactor.ErrNotAPerson) {
		t.Fatalf("company customer: %v", err)
	}
	if _, err := people.Person(ctx, twofactor.PersonRef{Kind: "project", ID: "P1"}); !errors.Is(err, twofactor.ErrNotAPerson) {
		t.Fatalf("project: %v", err)
	}
}
