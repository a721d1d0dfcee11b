// Package retention anonymises and deletes personal data when its retention period runs out,
// by the rules of shared/spec/datamap.md ("Retention policies and their rules").
//
// There is one engine and no per-type code: each type's [registry.Rule] names its clock,
// and each field carries its [registry.Action] (Replace, Clear, ZeroLink, PerRow, DropRows).
// [Anonymise] applies those actions to a record; [Engine.Run] finds the due records and
// writes them back.
//
// # Policies
//
// [Policies] lists one [Policy] per type with a rule. The event log (30 days) and the other
// logs (3 calendar months) are fixed: always on, and [SetPolicy] refuses to change them
// with [ErrFixed]. Every other policy is off until an admin switches it on:
//
//	days := 90
//	on := true
//	_, err := retention.SetPolicy(ctx, st, "case", retention.Change{Enabled: &on, Days: &days})
//
// Customer, contact person and user also choose what a delete does: "anonymise" (the record
// is soft-deleted and anonymised N days later; N = 0 means at the next run, see
// [Engine.AfterDelete]) or "delete" (the record is removed at once and links to it are
// cleared, by store.Tx.HardDelete).
//
// # When a record is due
//
// The store keeps each record's clock (per its rule: "A or B" is the earliest set, "A, else
// B" the first set; none set means never due) in an indexed column. A record is due when
// clock + N days <= now, so the engine asks
//
//	SELECT ... FROM records WHERE type = ? AND clock IS NOT NULL AND clock <= now - N days
//
// and a run with nothing due costs a few index probes. Writing an anonymised record clears
// its clock, which makes a second run a no-op.
//
// # A run
//
//	eng := retention.New(st, retention.Options{Index: searchIndex})
//	rep, err := eng.Run(ctx, time.Now(), retention.TriggerCLI)
//
// For each enabled policy the due records are handled in batches (DefaultBatch), each batch
// one transaction that rewrites the records by their field actions (an empty field stays
// empty: only values are replaced), purges their version history, rewrites the records that
// link to an anonymised customer (customer number "0") or contact person (link null),
// deletes the system-log rows, queues every change for the search index, and adds the
// batch's counts to the anonymisation history ([History]: times and counts per type, never
// an id or a value). After the batches the search index is brought up to date and purged
// ([Index]), the registered [Job]s run, and the WAL is truncated (wal_checkpoint(TRUNCATE);
// the store opens every connection with secure_delete, so old values are zeroed in the
// database file rather than left in free pages). The batches run as a [store.Bulk] write:
// that one checkpoint at the end is the only one, instead of one every 1,000 WAL pages.
//
// [Engine.Preview] answers "what would a run do now?" with counts and a few sample records
// per type (their id and a non-personal label), changing nothing.
//
// # The scheduler
//
// [Scheduler] runs the engine at start-up, catching up on the time the app was closed, then
// every hour while the app runs; never two runs at once ([ErrBusy]); cancelled with its
// context. Other features add their own periodic work as a [Job] ([Scheduler.Register]);
// its count goes to the history beside the policies'.
//
// The CLI's `anonymise` runs the same job once, so the policies also run while the app is
// closed (exit 0 when the run completed, 1 otherwise). A scheduled job logs in with the
// scheduler token an admin creates in the app (`--scheduler`, docs/security.md):
//   - cron (Linux): `17 * * * * /usr/bin/dataskydd --scheduler anonymise >>"$HOME/dataskydd-anonymise.log" 2>&1`
//   - launchd (macOS): a LaunchAgent plist with ProgramArguments
//     [/Applications/Dataskydd.app/Contents/MacOS/Dataskydd, --scheduler, anonymise] and
//     StartInterval 3600
//   - Task Scheduler (Windows):
//     `schtasks /Create /SC HOURLY /TN Dataskydd-anonymise /TR "\"C:\Program Files\Dataskydd\dataskydd.exe\" --scheduler anonymise"`
//
// `anonymise --dry-run` is the preview; `--now` judges due records as of another time.
//
// # Speed
//
// Records are handled in row order, DefaultBatch per transaction. Each anonymised record
// rewrites its row, its entries in the clock and customer-number indexes, its links and
// the outbox; with secure_delete that is several random pages per record, so a large sweep
// is bound by SQLite's page writes, not by this package (see BenchmarkSweep1M). A run with
// nothing due costs one index probe per enabled policy.
//
// # What erasure means here
//
// After a run no anonymised value is readable in the data folder: the erasure test imports
// distinctive values, runs a sweep, closes the store and byte-searches every file of the
// folder (database, -wal, -shm, search index) for short fragments of each value, and finds
// none. A byte search of the folder cannot see, and this package cannot reach:
//   - blocks an SSD or a copy-on-write file system has remapped or freed (wear levelling,
//     TRIM, snapshots): the old bytes may survive on the medium until it reuses them;
//   - copies the operating system made: swap, hibernation files, crash dumps, file-indexer
//     caches, and the memory of a process that read the data;
//   - backups and synced copies of the data folder (Time Machine, File History, cloud sync),
//     and exports written elsewhere. These need their own retention.
package retention
