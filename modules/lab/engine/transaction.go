package engine

import "context"

// Begin starts or nests a transaction (BEGIN TRANSACTION).
func (s *Session) Begin() error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if s.tx == nil {
		s.tx = &txn{}
	}
	s.setTranCount(s.TranCount() + 1)
	return nil
}

// Commit ends one nesting level; the outermost COMMIT makes the
// transaction durable before it returns. Without a transaction it raises
// 3902.
func (s *Session) Commit() error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	n := s.TranCount()
	if n == 0 {
		return Raise(3902)
	}
	s.setTranCount(n - 1)
	if n > 1 {
		return nil
	}
	t := s.tx
	s.tx = nil
	return s.commit(t)
}

// Rollback rolls the whole transaction back (ROLLBACK TRANSACTION).
// Without a transaction it raises 3903.
func (s *Session) Rollback() error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	if s.TranCount() == 0 {
		return Raise(3903)
	}
	s.endTx()
	return nil
}

// write runs one data-changing statement in database name: inside the
// session's transaction, or in its own autocommit transaction. A failed
// statement is undone without ending an explicit transaction.
func (s *Session) write(ctx context.Context, name string, fn func(t *txn, db *database) error) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.leave()
	db, err := s.writableDatabase(name)
	if err != nil {
		return err
	}
	if err := s.logSpace(db); err != nil {
		return err
	}
	implicit := s.tx == nil
	if implicit {
		s.tx = &txn{}
	}
	m := s.tx.mark()
	if err = s.tx.lock(ctx, db); err == nil {
		err = fn(s.tx, db)
	}
	return s.finishStatement(implicit, m, err)
}

// finishStatement undoes a failed statement and commits an autocommit one.
func (s *Session) finishStatement(implicit bool, m mark, err error) error {
	t := s.tx
	if err != nil {
		t.rollbackTo(m)
		if implicit {
			t.release()
			s.tx = nil
		}
		return err
	}
	if !implicit {
		return nil
	}
	s.tx = nil
	return s.commit(t)
}

// writableDatabase resolves name ("" for the current database) for a write.
func (s *Session) writableDatabase(name string) (*database, error) {
	db, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	if err := db.Info().writeError(); err != nil {
		return nil, err
	}
	return db, nil
}

// resolve finds database name, or the current one when name is empty.
func (s *Session) resolve(name string) (*database, error) {
	if name == "" {
		name = s.Database()
	}
	return s.inst.lookup(name)
}
