package desktop

import (
	"errors"
	"testing"

	"dataskydd/backend/twofactor"
)

// A person without a phone number gets the no_phone code, and the admin's screen learns where
// the number is added.
func TestNoPhoneSaysWhereToAddTheNumber(t *testing.T) {
	err := securityFail(&twofactor.NoPhoneError{Where: twofactor.WhereCustomerContact})
	var ae *AppError
	if !errors.As(err, &ae) || ae.Code != CodeNoPhone || ae.Where != "customer_card_contact" {
		t.Fatalf("got %#v", err)
	}
}
