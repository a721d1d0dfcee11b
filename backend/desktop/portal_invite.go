package desktop

import (
	"errors"
	"time"

	"dataskydd/backend/auth"
	"dataskydd/backend/portal"
	"dataskydd/backend/twofactor"
)

// PortalInviteResult is the invitation made from the customer card and what became of its SMS.
type PortalInviteResult struct {
	Email   string    `json:"email"`
	Link    string    `json:"link"`
	Expires time.Time `json:"expires"`
	SMSTo   string    `json:"smsTo"`   // the masked number the link went to; "" when no SMS went
	NoPhone string    `json:"noPhone"` // the person has no usable phone: where an admin adds one
	// SMSError is the code of a failed SMS (SMS not configured, the provider refused); the
	// link is still valid, to hand over another way.
	SMSError ErrorCode `json:"smsError"`
}

// InviteToPortalBySMS makes an invitation for a private customer ("customer") or a contact
// person ("contact_person") and sends its link by SMS to the person's phone (administrators).
func (a *PortalService) InviteToPortalBySMS(kind, id string) (PortalInviteResult, error) {
	_, s, err := a.requireRole(auth.RoleAdmin)
	if err != nil {
		return PortalInviteResult{}, err
	}
	inv, err := a.InviteToPortal(kind, id)
	if err != nil {
		return PortalInviteResult{}, err
	}
	out := PortalInviteResult{Email: inv.Email, Link: inv.Link, Expires: inv.Expires}
	out.SMSTo, err = portal.SendInvitation(a.ctx, s.Store, s.SMS, twofactor.PersonRef{Kind: twofactor.PersonKind(kind), ID: id}, inv)
	var np *twofactor.NoPhoneError
	var ae *AppError
	switch {
	case errors.As(err, &np):
		out.NoPhone = np.Where
	case err != nil && errors.As(securityFail(err), &ae):
		out.SMSError = ae.Code
	}
	return out, nil
}
