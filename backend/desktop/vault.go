package desktop

import (
	"dataskydd/backend/auth"
	"dataskydd/backend/services"
	"dataskydd/backend/twofactor"
	"dataskydd/backend/vault"
)

// VaultService is secure data: forms, entries, access lists, unlock, decrypt, key rotation.
type VaultService struct{ *Core }

// Secure data ("Säkra uppgifter"): thin adapters over backend/vault. Every right is checked by
// the vault itself; decrypted values are returned to the screen and nowhere else.

// Reveal and clipboard times of security.md. The end-to-end run shortens the reveal time with
// the test switch DATASKYDD_TEST_REVEAL_SECONDS (only in a testswitches build, see
// services.TestSwitches) so a test can watch values disappear.
const (
	RevealSeconds    = 60
	ClipboardSeconds = 30
)

// VaultInfo is what the secure-data screens need to know besides the forms.
type VaultInfo struct {
	RevealSeconds    int  `json:"revealSeconds"`    // decrypted values vanish after this
	ClipboardSeconds int  `json:"clipboardSeconds"` // a copied value is cleared after this
	SecondFactorOn   bool `json:"secondFactorOn"`   // the switch is on: every form asks (those with "two-factor to decrypt" always do)
	TOTPEnrolled     bool `json:"totpEnrolled"`     // the user may answer with an authenticator app
	IsAdmin          bool `json:"isAdmin"`
}

// VaultUnlock is what the user typed to unlock: the password again and, where the form asks,
// an SMS code (with the challenge it answers) or a TOTP code.
type VaultUnlock struct {
	Password    string `json:"password"`
	ChallengeID string `json:"challengeId"` // the SMS challenge answered by Code
	Code        string `json:"code"`        // SMS or TOTP code; "" when none was asked
	TOTP        bool   `json:"totp"`        // Code comes from the authenticator app
}

// VaultEntryPage is one page of a form's entries.
type VaultEntryPage struct {
	Entries []vault.Entry `json:"entries"`
	Total   int           `json:"total"`
}

// VaultPerson is a user or a group, for the access-list pickers.
type VaultPerson struct {
	Kind string `json:"kind"` // "user" or "group"
	ID   string `json:"id"`
	Name string `json:"name"`
}

// VaultInfo returns the reveal times and whether a second factor will be asked.
func (a *VaultService) VaultInfo() (VaultInfo, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return VaultInfo{}, err
	}
	info := VaultInfo{RevealSeconds: revealSeconds(), ClipboardSeconds: ClipboardSeconds, IsAdmin: sess.Has(auth.RoleAdmin)}
	if info.SecondFactorOn, err = (services.StepUp{TwoFactor: s.TwoFactor}).DecryptAsks(a.ctx); err != nil {
		return VaultInfo{}, securityFail(err)
	}
	if info.TOTPEnrolled, err = s.TwoFactor.TOTPEnrolled(a.ctx, employee(sess)); err != nil {
		return VaultInfo{}, securityFail(err)
	}
	return info, nil
}

func revealSeconds() int {
	if n := services.TestSwitches().RevealSeconds; n > 0 && n < RevealSeconds {
		return n
	}
	return RevealSeconds
}

// VaultForms lists the forms the user may see (every form for an admin).
func (a *VaultService) VaultForms() ([]vault.Form, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	fs, err := s.Vault.Forms(a.ctx, sess)
	return fs, securityFail(err)
}

// VaultForm returns one form.
func (a *VaultService) VaultForm(formID string) (vault.Form, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return vault.Form{}, err
	}
	f, err := s.Vault.Form(a.ctx, sess, formID)
	return f, securityFail(err)
}

// VaultSaveForm creates a form (no id) or updates one (admins only). The decrypt list of an
// existing form changes only through VaultGrant and VaultRevoke.
func (a *VaultService) VaultSaveForm(f vault.Form) (vault.Form, error) {
	sess, s, err := a.requireRole(auth.RoleAdmin) // the vault checks it again
	if err != nil {
		return vault.Form{}, err
	}
	if f.ID == "" {
		f, err = s.Vault.CreateForm(a.ctx, sess, f)
	} else {
		f, err = s.Vault.UpdateForm(a.ctx, sess, f)
	}
	return f, securityFail(err)
}

// VaultDeleteForm deletes a form with its entries and keys (admins only).
func (a *VaultService) VaultDeleteForm(formID string) error {
	sess, s, err := a.requireRole(auth.RoleAdmin) // the vault checks it again
	if err != nil {
		return err
	}
	return securityFail(s.Vault.DeleteForm(a.ctx, sess, formID))
}

// VaultEntries lists a page of a form's entries: plain values, and which encrypted fields hold
// a value. customerNumber "" lists every customer's.
func (a *VaultService) VaultEntries(formID, customerNumber string, offset, limit int) (VaultEntryPage, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return VaultEntryPage{}, err
	}
	if err := a.formFirst(s, sess, formID); err != nil {
		return VaultEntryPage{}, err
	}
	es, total, err := s.Vault.Entries(a.ctx, sess, formID, vault.ListOptions{CustomerNumber: customerNumber, Offset: offset, Limit: limit})
	if err != nil {
		return VaultEntryPage{}, securityFail(err)
	}
	return VaultEntryPage{Entries: es, Total: total}, nil
}

// VaultSaveEntry creates an entry of formID (entryID "") or updates one. Writing an encrypted
// value needs the form's key, so u is asked for then.
func (a *VaultService) VaultSaveEntry(formID, entryID string, in vault.EntryInput, u VaultUnlock) (vault.Entry, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return vault.Entry{}, err
	}
	unlock, err := a.unlock(s, u)
	if err != nil {
		return vault.Entry{}, err
	}
	var e vault.Entry
	if entryID == "" {
		if err := a.formFirst(s, sess, formID); err != nil {
			return vault.Entry{}, err
		}
		e, err = s.Vault.CreateEntry(a.ctx, sess, formID, in, unlock)
	} else {
		e, err = s.Vault.UpdateEntry(a.ctx, sess, entryID, in, unlock)
	}
	if err != nil {
		return vault.Entry{}, securityFail(err)
	}
	if err := s.Sync(a.ctx); err != nil { // plain fields are found by the person search
		return e, fail(CodeInternal, err)
	}
	return e, nil
}

// VaultDeleteEntry deletes an entry (those who may decrypt its form).
func (a *VaultService) VaultDeleteEntry(entryID string) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	if err := s.Vault.DeleteEntry(a.ctx, sess, entryID); err != nil {
		return securityFail(err)
	}
	return securityFail(s.Sync(a.ctx))
}

// VaultDecrypt opens an entry's encrypted values (field id -> value) after the password and,
// where the form asks, a second factor. The values exist only in this answer.
func (a *VaultService) VaultDecrypt(entryID string, u VaultUnlock) (map[string]string, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	unlock, err := a.unlock(s, u)
	if err != nil {
		return nil, err
	}
	vals, err := s.Vault.Decrypt(a.ctx, sess, entryID, unlock)
	return vals, securityFail(err)
}

// VaultGrant puts users or groups on a form's decrypt list and wraps the key for each member
// (also fixing "needs re-grant"). Only someone who can decrypt the form can do it.
func (a *VaultService) VaultGrant(formID string, members []vault.Member, u VaultUnlock) (vault.Form, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return vault.Form{}, err
	}
	if err := a.formFirst(s, sess, formID); err != nil {
		return vault.Form{}, err
	}
	unlock, err := a.unlock(s, u)
	if err != nil {
		return vault.Form{}, err
	}
	f, err := s.Vault.Grant(a.ctx, sess, formID, members, unlock)
	return f, securityFail(err)
}

// VaultRevoke takes a user or group off the decrypt list and returns the users who lost
// access: the screen then offers to rotate the key.
func (a *VaultService) VaultRevoke(formID string, m vault.Member) ([]string, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	if err := a.formFirst(s, sess, formID); err != nil {
		return nil, err
	}
	lost, err := s.Vault.Revoke(a.ctx, sess, formID, m)
	if lost == nil {
		lost = []string{}
	}
	return lost, securityFail(err)
}

// VaultRotateKey gives a form a new key and re-seals every value.
func (a *VaultService) VaultRotateKey(formID string, u VaultUnlock) error {
	sess, s, err := a.requireRole()
	if err != nil {
		return err
	}
	if err := a.formFirst(s, sess, formID); err != nil {
		return err
	}
	unlock, err := a.unlock(s, u)
	if err != nil {
		return err
	}
	return securityFail(s.Vault.RotateKey(a.ctx, sess, formID, unlock))
}

// VaultStartChallenge sends the logged-in user an SMS code for decrypting.
func (a *VaultService) VaultStartChallenge() (twofactor.Challenge, error) {
	sess, s, err := a.requireRole()
	if err != nil {
		return twofactor.Challenge{}, err
	}
	ch, err := s.TwoFactor.Start(a.ctx, employee(sess), twofactor.FlowSecureDataDecrypt)
	return ch, securityFail(err)
}

// VaultPeople lists the users and groups that can go on an access list.
func (a *VaultService) VaultPeople() ([]VaultPerson, error) {
	_, s, err := a.requireRole()
	if err != nil {
		return nil, err
	}
	people, err := vault.People(a.ctx, s.Store.RO)
	if err != nil {
		return nil, fail(CodeInternal, err)
	}
	out := make([]VaultPerson, 0, len(people))
	for _, p := range people {
		out = append(out, VaultPerson(p))
	}
	return out, nil
}

// formFirst answers "not_found" for a form that does not exist before the vault's list check
// would answer "forbidden" for it.
func (a *Core) formFirst(s *services.Services, sess auth.Session, formID string) error {
	_, err := s.Vault.Form(a.ctx, sess, formID)
	return securityFail(err)
}

// unlock turns what the user typed into the vault's Unlock: an SMS code (with its challenge) or
// a TOTP code, or no second factor when none was typed (a form that asks then answers
// second_factor_required; services.StepUp decides which forms ask).
func (a *Core) unlock(_ *services.Services, u VaultUnlock) (vault.Unlock, error) {
	out := vault.Unlock{Password: u.Password}
	switch {
	case u.Code != "" && u.TOTP:
		out.SecondFactor = services.TOTPProof(u.Code)
	case u.Code != "":
		out.SecondFactor = services.SMSProof(u.ChallengeID, u.Code)
	}
	return out, nil
}

// employee is the logged-in user as a person two-factor can challenge.
func employee(sess auth.Session) twofactor.PersonRef {
	return twofactor.PersonRef{Kind: twofactor.Employee, ID: sess.UserID}
}
