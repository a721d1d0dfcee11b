package twofactor_test

import (
	"fmt"

	"dataskydd/backend/twofactor"
)

// The code goes to the mobile phone, else the private phone, else the work
// phone, in E.164; a person with none gets a message and the admin a hint.
func ExamplePickPhone() {
	kim := twofactor.Person{
		Ref:          twofactor.PersonRef{Kind: twofactor.ContactPerson, ID: "CP7"},
		PrivatePhone: "08-555 123 45",
		WorkPhone:    "070-123 45 67",
	}
	to, _ := twofactor.PickPhone(kim)
	fmt.Println(to)

	_, err := twofactor.PickPhone(twofactor.Person{Ref: kim.Ref})
	fmt.Println(err)
	fmt.Println(err.(*twofactor.NoPhoneError).AdminHint())
	// Output:
	// +46855512345
	// no phone number is registered: contact your administrator
	// add a phone number to contact person CP7 on the customer card, under the contact
}
