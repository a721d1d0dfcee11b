package portal

import (
	"net/url"
	"strings"
	"testing"

	"dataskydd/backend/twofactor"
)

// With the portal's own reset switch off, "customer conversations" carries the reset (its
// seed covers the first visit and password reset): the reset page is offered and a code goes
// to the customer's phone; the new password works.
func TestResetUnderCustomerConversations(t *testing.T) {
	rg := newRig(t)
	rg.flow(twofactor.FlowConversations, true)
	b := rg.browser()
	b.acceptInvite(rg.invite("C1"), pwA, phoneA)
	b.post("/logout", nil)

	other := rg.browser()
	if _, body := other.get("/reset"); !strings.Contains(body, `action="/reset"`) {
		t.Fatalf("no reset form under customer conversations:\n%s", body)
	}
	before := len(rg.fake.Messages())
	other.post("/reset", url.Values{"email": {"anna@example.se"}})
	if len(rg.fake.Messages()) != before+1 {
		t.Fatal("no code sent for the reset")
	}
	const newPW = "ett helt nytt lösenord 3"
	if _, body := other.post("/code", url.Values{"code": {rg.lastCode(phoneA)}, "password": {newPW}, "password2": {newPW}}); !strings.Contains(body, "alla betrodda enheter") {
		t.Fatalf("reset not done:\n%s", body)
	}
	old := rg.browser()
	old.get("/login")
	if _, body := old.post("/login", url.Values{"email": {"anna@example.se"}, "password": {pwA}}); strings.Contains(body, "Översikt") {
		t.Fatal("the old password still works")
	}
	rg.browser().login("anna@example.se", newPW, phoneA)
}
