package store

// CloseReader closes a store opened only to read while another process may be writing to
// it (the data folder's lock held elsewhere). It skips Close's WAL checkpoint, which would
// wait up to the busy timeout for that writer; the writer checkpoints when it closes.
func (s *Store) CloseReader() error {
	s.RO.Close()
	return s.DB.Close()
}
