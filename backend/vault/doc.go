// Package vault is secure data ("Säkra uppgifter"): forms whose entries hold some fields in
// clear and some encrypted, readable only by the people a form names, after they type their
// password again.
//
// # Threat model
//
// Protected: the encrypted fields against anyone who gets a copy of the data folder (a stolen
// laptop, a backup, a synced folder), against other users of the app who are not on a form's
// decrypt list, administrators included, and against tampering or moving a ciphertext inside
// the database. Not protected: plain fields (they are personal data handled like any other
// record); a user on the decrypt list who copies what they decrypt; malware running as the
// user while a value is unlocked; an attacker who can change the program itself. Freed SSD
// blocks and the operating system's own copies (swap, hibernation) are outside what a byte
// search of the data folder can show.
//
// # Keys
//
//   - Each form has a random 256-bit data key ([DataKey]). An encrypted value is sealed with
//     XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) and a random 192-bit nonce; the additional
//     data binds it to (form id, entry id, field id) with length prefixes, so a ciphertext
//     copied to another entry or field, or altered by one bit, fails to open ([ErrDecrypt]).
//   - Each user has an X25519 key pair (RFC 7748). The private key is stored sealed with
//     XChaCha20-Poly1305 under a key derived from the user's password with Argon2id (RFC 9106)
//     and its own random salt; the Argon2id parameters are stored in the sealed blob
//     ([DefaultKeyParams], measured by BenchmarkUnlock). The additional data binds the blob to
//     the user and the public key.
//   - A form's data key is stored once per user who may decrypt it, wrapped to that user's
//     public key ([X25519Recipient.Wrap]): an ephemeral X25519 key pair, HKDF-SHA256 (RFC 5869)
//     of the shared secret salted with both public keys, and XChaCha20-Poly1305 with (form id,
//     user id) as additional data. This is age's X25519 recipient with XChaCha and a binding to
//     the place of use. [Recipient] and [Identity] are one-method interfaces like age's.
//   - Every blob starts with a tag byte and a format version (see seal.go), so a future format
//     can be read beside this one; the decoders are fuzzed (FuzzOpen, FuzzDecode).
//
// Decrypted values and unwrapped keys live in memory for one call only; keys are wiped after
// use (best effort in Go). Values are never logged, indexed or written to disk; the UI hides
// them again after 60 seconds or on lock.
//
// # Access
//
// Admins manage forms ([Service.CreateForm], [Service.UpdateForm], [Service.DeleteForm]) and
// the read list, but get no right to decrypt from their role. A form has two lists of users
// and groups: who may read the plain fields, and who may decrypt. Being on the decrypt list
// implies reading the plain fields (a secret without its context is of no use) and is needed
// to write entries. Groups are expanded at every check, so leaving a group takes access away at
// once. Decrypting needs both a place on the list and a wrap of the key for the user; every
// check is made here, never in the UI.
//
// Creating a form wraps its fresh key for everyone on its decrypt list at once (only public
// keys are needed). Later, [Service.Grant] is done by someone who can decrypt: they unwrap the
// key with their password and wrap it for each new member. [Service.Revoke] deletes wraps and
// returns who lost access; since they may have kept the key, the UI offers
// [Service.RotateKey]: a new key, every value re-sealed and every wrap replaced, in one
// transaction.
//
// # Passwords
//
// The service implements auth.PasswordHook. A password change re-seals the private key under
// the new password ([Service.PasswordChanged]). An admin's reset cannot recover the old private
// key ([Service.PasswordSet]): the user gets a new key pair, their wraps are deleted, and each
// form they could decrypt lists them in Form.NeedsGrant ("needs re-grant") until someone who
// can decrypt calls Grant. Users made before the vault existed get a key pair at their next
// login ([Service.LoggedIn]).
//
// # Reading
//
// [Service.Entries] lists plain values and names the encrypted fields that hold a value.
// [Service.Decrypt] asks for the password again (an [Unlock]) and, on forms with two-factor,
// a second factor through the [StepUp] seam (nil: not asked). Every decryption writes an
// `event` record (who, which entry, when), never the value; when the event cannot be written
// nothing is returned.
//
// The password typed to decrypt (or to grant, rotate or write) is the login password, so it is
// tried under the login's back-off and counts against it ([Attempts], auth.Attempts): after
// three free mistakes the prompt waits 1 s, 2 s, 4 s ... up to 15 minutes, and while it waits
// even the right password is refused untried. Every failure is an event too (a wrong password,
// an attempt refused by the back-off, a wrong second factor: `vault.unlock.*`), naming who and
// which entry or form, never what was typed.
//
// # Deletion
//
// [Service.PurgeExpired] deletes entries older than their form's auto-delete days; the
// scheduler calls it. The store runs SQLite with secure_delete, and a WAL checkpoint follows,
// so deleted values are zeroed in the files.
//
// # Improvements on security.md
//
// Wraps are bound to (form, user) and private keys to (user, public key) by additional data,
// which the spec does not ask for: a row copied between users or forms then fails instead of
// silently decrypting under the wrong identity. Admins' form creation wraps directly to the
// listed users' public keys, so a new form needs no "first grant" by a decrypter.
package vault
