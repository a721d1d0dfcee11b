package desktop

import (
	"testing"

	"dataskydd/backend/vault"
)

func TestVaultThroughTheAdapters(t *testing.T) {
	a, fake := securityApp(t)
	me, _ := a.Me()
	setMobile(t, a, me.UserID, "0701234567")
	if _, err := a.CreateUser(NewUserInput{Username: "bo", Password: "Bos-långa-lösenord-2", Roles: []string{"staff"}}); err != nil {
		t.Fatal(err)
	}
	f, err := a.VaultSaveForm(vault.Form{Name: "Larm", Purpose: vault.PurposeInternal, TwoFactor: true,
		Fields:     []vault.Field{{Name: "Plats", Kind: vault.KindText}, {Name: "Kod", Kind: vault.KindSecret, Encrypted: true}},
		Decrypters: []vault.Member{{Kind: vault.MemberUser, ID: me.UserID}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSMSSettings(SMSSettingsInput{Provider: "46elks", SenderName: "Firma", Username: "u", Password: "p"}); err != nil {
		t.Fatal(err)
	}
	code := func() VaultUnlock {
		t.Helper()
		ch, err := a.VaultStartChallenge()
		if err != nil {
			t.Fatal(err)
		}
		m, _ := fake.Last("+46701234567")
		return VaultUnlock{Password: adminPW, ChallengeID: ch.ID, Code: sixDigits.FindString(m.Text)}
	}
	// The form asks for a second factor, so it is asked with the switch off too.
	_, err = a.VaultSaveEntry(f.ID, "", vault.EntryInput{Values: map[string]string{"f1": "Kontoret", "f2": "4711"}}, VaultUnlock{Password: adminPW})
	mustCode(t, err, CodeSecondFactorRequired)
	e, err := a.VaultSaveEntry(f.ID, "", vault.EntryInput{Values: map[string]string{"f1": "Kontoret", "f2": "4711"}}, code())
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.VaultDecrypt(e.ID, VaultUnlock{Password: "fel lösenord"})
	mustCode(t, err, CodeDecryptFailed)
	_, err = a.VaultDecrypt(e.ID, VaultUnlock{})
	mustCode(t, err, CodePasswordRequired)
	_, err = a.VaultDecrypt(e.ID, VaultUnlock{Password: adminPW})
	mustCode(t, err, CodeSecondFactorRequired)
	if v, err := a.VaultDecrypt(e.ID, code()); err != nil || v["f2"] != "4711" {
		t.Fatalf("decrypt = %v, %v", v, err)
	}
	if info, _ := a.VaultInfo(); info.SecondFactorOn {
		t.Fatal("VaultInfo says every form asks while the switch is off")
	}

	if err := a.SetTwoFactorFlow("secure_data_decrypt", true); err != nil {
		t.Fatal(err)
	}
	if info, _ := a.VaultInfo(); !info.SecondFactorOn {
		t.Fatal("VaultInfo does not say the second factor is asked")
	}
	_, err = a.VaultDecrypt(e.ID, VaultUnlock{Password: adminPW})
	mustCode(t, err, CodeSecondFactorRequired)
	ch, err := a.VaultStartChallenge()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := fake.Last("+46701234567")
	if v, err := a.VaultDecrypt(e.ID, VaultUnlock{Password: adminPW, ChallengeID: ch.ID, Code: sixDigits.FindString(m.Text)}); err != nil || v["f2"] != "4711" {
		t.Fatalf("decrypt with the SMS code = %v, %v", v, err)
	}

	// Someone on no list sees no form and gets nothing through any method.
	a.setSession(a.session.svc, mustLogin(t, a, "bo", "Bos-långa-lösenord-2"))
	if fs, err := a.VaultForms(); err != nil || len(fs) != 0 {
		t.Fatalf("forms for bo: %v %v", fs, err)
	}
	_, err = a.VaultEntries(f.ID, "", 0, 10)
	mustCode(t, err, CodeForbidden)
	_, err = a.VaultDecrypt(e.ID, VaultUnlock{Password: "Bos-långa-lösenord-2"})
	mustCode(t, err, CodeForbidden)
	_, err = a.VaultSaveForm(vault.Form{Name: "X", Purpose: vault.PurposeInternal, Fields: []vault.Field{{Name: "a", Kind: vault.KindText}}})
	mustCode(t, err, CodeForbidden)
	_, err = a.GetSMSSettings()
	mustCode(t, err, CodeForbidden)
	_, err = a.GetTwoFactorSettings()
	mustCode(t, err, CodeForbidden)
}
