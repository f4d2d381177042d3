package chatpool

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"net"

	mssql "github.com/microsoft/go-mssqldb" // the pool speaks to the lab as clients speak to SQL Server

	"pcsh/modules/lab/mgc"
)

// Endpoint is how to reach the SQL instance of one store.
type Endpoint struct {
	Host   string
	Port   int
	Params url.Values // further DSN parameters, for example encrypt and TrustServerCertificate
}

// SQLOpener opens targets through go-mssqldb: a DSN naming the store's
// instance, the mgc database, and the partner's instance as
// failoverpartner and failoverport, so a new connection that the store
// refuses (down, or its mgc is now the mirror) goes to the partner.
type SQLOpener struct {
	Endpoints   map[string]Endpoint // by store name
	User        string              // "" means sa
	Password    string
	Database    string        // "" means mgc
	DialTimeout time.Duration // per dial, whole seconds; 0 means one second
}

// DSN returns the go-mssqldb URL for t, password included.
func (o SQLOpener) DSN(t Target) (string, error) {
	ep, ok := o.Endpoints[t.Store]
	if !ok {
		return "", fmt.Errorf("no SQL instance is known for store %q", t.Store)
	}
	q := url.Values{}
	for k, v := range ep.Params {
		q[k] = v
	}
	q.Set("database", orDefault(o.Database, mgc.Database))
	q.Set("dial timeout", strconv.Itoa(max(1, int(o.DialTimeout/time.Second))))
	if q.Get("app name") == "" {
		q.Set("app name", "pcsh chatpool")
	}
	if t.Partner != "" {
		p, ok := o.Endpoints[t.Partner]
		if !ok {
			return "", fmt.Errorf("no SQL instance is known for the partner store %q", t.Partner)
		}
		q.Set("failoverpartner", p.Host)
		q.Set("failoverport", strconv.Itoa(p.Port))
	}
	u := url.URL{Scheme: "sqlserver", User: url.UserPassword(orDefault(o.User, "sa"), o.Password),
		Host: fmt.Sprintf("%s:%d", ep.Host, ep.Port), RawQuery: q.Encode()}
	return u.String(), nil
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Open returns the target's database; it connects on first use.
func (o SQLOpener) Open(t Target) (Database, error) {
	dsn, err := o.DSN(t)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlserver", dsn)
	if err != nil {
		return nil, err
	}
	return sqlDatabase{db}, nil
}

// OpenFrom returns the target's database over connections from the local
// address source (a chat server's address in its data center).
func (o SQLOpener) OpenFrom(t Target, source string) (Database, error) {
	dsn, err := o.DSN(t)
	if err != nil {
		return nil, err
	}
	ip := net.ParseIP(source)
	if ip == nil {
		return nil, fmt.Errorf("source address %q is not an IP address", source)
	}
	c, err := mssql.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	c.Dialer = &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: max(time.Second, o.DialTimeout)}
	return sqlDatabase{sql.OpenDB(c)}, nil
}

// sqlDatabase is mgc through database/sql.
type sqlDatabase struct{ db *sql.DB }

// The statements; the DSN's database is mgc.
const (
	pingSQL = "UPDATE [dbo].[tblServerIdentity] SET [serverLastPingTime] = @p1 WHERE [serverID] = @p2"
	joinSQL = "INSERT INTO [dbo].[tblServerIdentity] ([serverID], [serverAddress], [serverLastPingTime]) VALUES (@p1, @p2, @p3)"
	postSQL = "INSERT INTO [dbo].[tblChat] ([channelId], [chatId], [chatDate], [userId], [isAlert], [content]) " +
		"VALUES (@p1, @p2, @p3, @p4, 0, @p5)"
	roomSQL    = "SELECT COUNT(*) FROM [dbo].[tblNode] WHERE [nodeID] = @p1"
	newRoomSQL = "INSERT INTO [dbo].[tblNode] ([nodeID], [nodeGuid], [parentID], [nodeType], [nodeName], [nodeDesc], " +
		"[disabled], [behavior], [visibility], [nodeAddedBy], [nodeAddedOn]) VALUES (@p1, NEWID(), 1, 0, @p2, @p3, 0, 4, 6, 1, 0)"
	idsSQL = "SELECT [chatId] FROM [dbo].[tblChat] WHERE [channelId] = @p1 AND [chatId] >= @p2 AND [chatId] <= @p3"
)

// Ping updates the server's row, inserting it when the update found none.
func (d sqlDatabase) Ping(ctx context.Context, id Identity, at time.Time) error {
	at = at.UTC()
	res, err := d.db.ExecContext(ctx, pingSQL, at, id.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = d.db.ExecContext(ctx, joinSQL, id.ID, id.Address, at)
	return err
}

// Post inserts the message in one autocommitted statement: its return
// without error is the commit.
func (d sqlDatabase) Post(ctx context.Context, m Message) error {
	_, err := d.db.ExecContext(ctx, postSQL, m.Room, m.ID, m.At.UnixMilli(), m.UserID, fmt.Sprintf("[%s] %s", m.Server, m.Text))
	return err
}

// EnsureRooms inserts a tblNode room for each id that has none.
func (d sqlDatabase) EnsureRooms(ctx context.Context, rooms []int) error {
	for _, r := range rooms {
		var n int
		if err := d.db.QueryRowContext(ctx, roomSQL, r).Scan(&n); err != nil {
			return fmt.Errorf("room %d: %w", r, err)
		}
		if n > 0 {
			continue
		}
		name := fmt.Sprintf("Drill room %d", r)
		if _, err := d.db.ExecContext(ctx, newRoomSQL, r, name, "Traffic of the lab's chat pool"); err != nil {
			return fmt.Errorf("room %d: %w", r, err)
		}
	}
	return nil
}

// MessageIDs reads the chatIds of each room in [from, to].
func (d sqlDatabase) MessageIDs(ctx context.Context, rooms []int, from, to int64) ([]int64, error) {
	var ids []int64
	for _, r := range rooms {
		rows, err := d.db.QueryContext(ctx, idsSQL, r, from, to)
		if err != nil {
			return nil, fmt.Errorf("room %d: %w", r, err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("room %d: %w", r, err)
		}
	}
	return ids, nil
}

// Close closes the connection pool.
func (d sqlDatabase) Close() error { return d.db.Close() }
