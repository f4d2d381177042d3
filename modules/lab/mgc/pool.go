package mgc

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RoomID is the chat room the simulated pool posts to.
const RoomID = 2

// Poster posts chat messages to the mgc database in use, as one active
// Persistent Chat server would. The caller picks the database (principal
// or backup) from the pool state.
type Poster struct {
	Server string // the posting server's FQDN, recorded in the message
	UserID int
	Now    func() time.Time
}

// Post inserts one message and returns its chatId. The next chatId is
// MAX(chatId)+1 for the room, computed inside the insert's transaction.
func (p Poster) Post(ctx context.Context, db *sql.DB, text string) (int64, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var next int64
	row := tx.QueryRowContext(ctx, "SELECT ISNULL(MAX(chatId), 0) + 1 FROM mgc.dbo.tblChat WHERE channelId = @p1", RoomID)
	if err := row.Scan(&next); err != nil {
		return 0, fmt.Errorf("next chatId: %w", err)
	}
	_, err = tx.ExecContext(ctx,
		"INSERT INTO mgc.dbo.tblChat (channelId, chatId, chatDate, userId, isAlert, content) VALUES (@p1, @p2, @p3, @p4, 0, @p5)",
		RoomID, next, p.Now().UnixMilli(), p.UserID, fmt.Sprintf("[%s] %s", p.Server, text))
	if err != nil {
		return 0, fmt.Errorf("post: %w", err)
	}
	return next, tx.Commit()
}

// Count returns how many messages the room holds in db.
func Count(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM mgc.dbo.tblChat WHERE channelId = @p1", RoomID).Scan(&n)
	return n, err
}
