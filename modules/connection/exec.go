package connection

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-sql/sqlexp"
	mssql "github.com/microsoft/go-mssqldb"

	"pcsh/runtime/cmdlet"
)

// Idempotent, passed among Exec's arguments, says the batch may run twice:
// Exec then retries transient errors (deadlocks, for example) as Query
// does. Without it Exec retries only failures to connect, since a batch
// that failed half-way may have committed its first statements.
type Idempotent struct{}

// Activity, passed among the arguments, names the operation in progress
// reports ("Restoring mgc on dc1-sql2").
type Activity string

// percentRE matches the progress of BACKUP/RESTORE … WITH STATS (error
// 3211, severity 10): "10 percent processed."
var percentRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(\d{1,3}) percent processed\.\s*$`) })

// Query runs a batch that only reads, with parameters passed as
// go-mssqldb parameters (sql.Named("name", v) for @name), and returns all
// its result sets. Transient errors are retried.
func (c *Conn) Query(ctx *cmdlet.Context, query string, args ...any) (*Result, error) {
	return c.run(ctx, query, args, true)
}

// Exec runs a batch that changes something. It is retried only when the
// connection could not be made, unless Idempotent is among args.
func (c *Conn) Exec(ctx *cmdlet.Context, query string, args ...any) (*Result, error) {
	return c.run(ctx, query, args, false)
}

func (c *Conn) run(ctx *cmdlet.Context, query string, args []any, read bool) (*Result, error) {
	args, activity, idem := c.splitArgs(args)
	if activity == "" {
		activity = c.activity(query)
	}
	trace(ctx, c.Target, query, args)
	var res *Result
	retryable := func(err error) bool {
		var ce *connectError
		return IsTransient(err) && !timedOut(err) && (errors.As(err, &ce) || read || idem)
	}
	onRetry := func(n int, wait time.Duration, err error) {
		ctx.WriteVerbose("Try %d on %s failed (%v); retrying in %s.", n, c.Target, err, wait)
	}
	err := c.retry().Do(ctx, c.m.Clock, retryable, onRetry, func() error {
		sc, sock, served, err := c.acquire(ctx)
		if err != nil {
			return err
		}
		defer sc.Close()
		res, err = c.execute(ctx, sc, sock, served, query, args, activity)
		return err
	})
	if err != nil {
		return res, c.record(ctx, err)
	}
	return res, nil
}

// retry is the manager's policy, with the call's number of attempts when
// it gives one (a probe of a data center that may be lost tries once).
func (c *Conn) retry() RetryPolicy {
	p := c.m.Retry
	if c.opts.Attempts > 0 {
		p.Attempts = c.opts.Attempts
	}
	return p
}

// splitArgs takes the Activity and Idempotent markers out of args and
// registers Secret values.
func (c *Conn) splitArgs(args []any) (out []any, activity string, idem bool) {
	for _, a := range args {
		switch x := a.(type) {
		case Activity:
			activity = string(x)
			continue
		case Idempotent:
			idem = true
			continue
		case Secret:
			c.m.Secrets.Add(string(x))
		case sql.NamedArg:
			if s, ok := x.Value.(Secret); ok {
				c.m.Secrets.Add(string(s))
			}
		}
		out = append(out, a)
	}
	return out, activity, idem
}

// activity derives a progress name from the statement's first line.
func (c *Conn) activity(query string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(query), "\n")
	if len(line) > 60 {
		line = line[:57] + "..."
	}
	return c.m.Secrets.Redact(line) + " on " + c.Target.String()
}

// execute runs one batch on one connection in go-mssqldb's message-queue
// mode, so INFO messages arrive in order with the rows. The command
// timeout bounds the whole call: when it passes, the driver cancels the
// batch (an attention) and the server gets the manager's CancelGrace to acknowledge;
// after that the command watchdog closes the socket, since a server
// behind a partition never answers and the driver would wait on. A batch
// that timed out leaves its connection closed, not pooled.
func (c *Conn) execute(ctx *cmdlet.Context, sc *sql.Conn, sock *socket, served *Target, query string, args []any, activity string) (*Result, error) {
	cctx, cancel := c.commandContext(ctx)
	defer cancel()
	dog := watch(cctx, c.m.CancelGrace, func() { closeSocket(sock) })
	res, err := c.stream(ctx, cctx, sc, served, query, args, activity)
	aborted := dog.stop()
	if aborted || err != nil && cctx.Err() != nil {
		discard(sc)
	}
	if (aborted || err != nil) && errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		return res, &commandTimeout{served: served, after: c.commandTimeout()}
	}
	return res, err
}

// stream sends the batch and reads its messages, rows and errors.
func (c *Conn) stream(ctx *cmdlet.Context, cctx context.Context, sc *sql.Conn, served *Target, query string, args []any, activity string) (*Result, error) {
	rm := &sqlexp.ReturnMessage{}
	rows, err := sc.QueryContext(cctx, query, append(args, rm)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	res := &Result{Server: served.String()}
	var errs []mssql.Error
	for active := true; active; {
		switch m := rm.Message(cctx).(type) {
		case sqlexp.MsgNotice:
			c.notice(ctx, res, activity, m.Message.String())
		case sqlexp.MsgNext:
			set, err := readSet(rows)
			if err != nil {
				return res, err
			}
			res.Sets = append(res.Sets, set)
		case sqlexp.MsgNextResultSet:
			active = rows.NextResultSet()
		case sqlexp.MsgRowsAffected:
			res.RowsAffected += m.Count
		case sqlexp.MsgError:
			var me mssql.Error
			if !errors.As(m.Error, &me) {
				return res, m.Error
			}
			errs = append(errs, me)
		}
	}
	return res, finish(cctx, rows, errs)
}

// closeSocket ends every read and write on s; nil (a socket the pool did
// not tell about) is left alone.
func closeSocket(s *socket) {
	if s != nil {
		s.Close()
	}
}

// finish returns the batch's outcome: a timeout, the SQL errors it raised
// (as one chain, like go-mssqldb's own), or the rows' error.
func finish(cctx context.Context, rows *sql.Rows, errs []mssql.Error) error {
	if err := cctx.Err(); err != nil {
		return err
	}
	if len(errs) > 0 {
		last := errs[len(errs)-1]
		last.All = errs
		return last
	}
	return rows.Err()
}

// commandTimeout is the call's command timeout: 0 gives the default,
// a negative one means none.
func (c *Conn) commandTimeout() time.Duration {
	if c.opts.CommandTimeout == 0 {
		return DefaultCommandTimeout
	}
	return c.opts.CommandTimeout
}

func (c *Conn) commandContext(ctx context.Context) (context.Context, context.CancelFunc) {
	d := c.commandTimeout()
	if d < 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// notice turns "N percent processed." into a progress report and every
// other message into a VERBOSE line.
func (c *Conn) notice(ctx *cmdlet.Context, res *Result, activity, msg string) {
	msg = c.m.Secrets.Redact(msg)
	res.Messages = append(res.Messages, msg)
	if m := percentRE().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		ctx.WriteProgress(activity, n)
		return
	}
	ctx.WriteVerbose("%s", msg)
}

// timedOut reports a connect that used its whole connect timeout (each
// partner's) or a batch that used its whole command timeout: retrying
// either would multiply the documented bound (a partitioned instance took
// 93 s to report "within 15s"), so the run fails at once.
func timedOut(err error) bool {
	var lt *loginTimeout
	var ct *commandTimeout
	return errors.As(err, &lt) || errors.As(err, &ct)
}

// commandTimeout is a batch that did not finish within the command
// timeout on the instance that served it.
type commandTimeout struct {
	served *Target
	after  time.Duration
}

// Error says where and how long the batch was given.
func (e *commandTimeout) Error() string {
	return "the statement on " + e.served.String() + " did not finish within " + e.after.String()
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *commandTimeout) Unwrap() error { return context.DeadlineExceeded }
