// Package auth holds Dataskydd's local accounts: password hashing and policy, login with
// back-off, roles and the authorisation check every bound method makes.
//
// # Accounts
//
// A user is a `user` record of the data map (datamap.md); roles are `permission` records
// (admin, gdpr_officer, staff). Only the password hash lives outside the records, in the
// auth_credentials table keyed by the user's external id, so it is never exported, indexed or
// anonymised with the record. [Service.Setup] creates the first administrator on an empty
// store; [Service.CreateUser], [Service.ResetPassword], [Service.SetRoles] and
// [Service.SetActive] are for admins; [Service.ChangePassword] is for everyone.
//
// # Passwords
//
// Passwords are hashed with Argon2id (RFC 9106) into PHC strings,
//
//	$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>
//
// with a 16-byte random salt; the parameters travel with the hash, so [DefaultParams] can be
// raised later and old hashes are upgraded at the next login. Tests pass [TestParams] (cheap)
// through [Options.Params]; nothing else switches the cost. [CheckPassword] asks for at least
// [MinPasswordLength] characters and refuses the 10,000 most common passwords (shipped in
// common-passwords.txt; README.md says where the list comes from).
//
// # Login
//
// [Service.Login] counts failures per account name, known or not, and after three free
// mistakes backs off exponentially (1 s, 2 s, 4 s, ... up to 15 minutes, [Backoff]); while
// backed off even the right password is refused without being checked. Every login, failed
// or not, is written to the system log (`system_log` records, kind login, with a stable code).
// Unknown names cost the same Argon2id work as known ones.
//
// # Authorisation
//
// A [Session] is who is logged in. Every bound method starts with [RequireRole]: it returns
// [ErrUnauthenticated] for the zero Session and an error matching [ErrForbidden] when no role
// fits. Errors carry stable codes ([Code]) that the frontend maps to translated messages.
//
// # Hooks
//
// Packages that protect data with the user's password (the vault) implement [PasswordHook]:
// they are called inside the transaction that stores a new password, so a password and the
// keys sealed under it never get out of step.
package auth
