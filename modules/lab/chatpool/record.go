package chatpool

import (
	"slices"
	"time"
)

// Ack is one acknowledged message: the database committed it.
type Ack struct {
	ID     int64     `json:"id"`
	Room   int       `json:"room"`
	Client int       `json:"client"`
	Server string    `json:"server"`
	Sent   time.Time `json:"sent"`  // when the client posted it
	Acked  time.Time `json:"acked"` // when the commit was reported
}

// The kinds of failed attempts.
const (
	FailConnect = "connect" // no server took the client
	FailPost    = "post"    // the server refused the post or the database failed it
)

// Failure is one failed attempt.
type Failure struct {
	At     time.Time `json:"at"`
	Sent   time.Time `json:"sent"`
	Kind   string    `json:"kind"` // FailConnect or FailPost
	Client int       `json:"client"`
	Server string    `json:"server,omitempty"` // "" when no server took the client
	Room   int       `json:"room,omitempty"`
	ID     int64     `json:"id,omitempty"` // the message id tried (post failures)
	Error  string    `json:"error"`
}

// Record is everything a traffic run saw.
type Record struct {
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Rooms    []int     `json:"rooms"`
	FirstID  int64     `json:"firstId"` // the run's message ids are in [FirstID, NextID)
	NextID   int64     `json:"nextId"`
	Acks     []Ack     `json:"acks"`
	Failures []Failure `json:"failures"`
	Skipped  int       `json:"skipped"` // posts due while every client was still busy
}

// LastID returns the last message id the run tried (FirstID-1 when none).
func (r *Record) LastID() int64 { return r.NextID - 1 }

// clone returns a deep copy.
func (r *Record) clone() *Record {
	c := *r
	c.Rooms = slices.Clone(r.Rooms)
	c.Acks = slices.Clone(r.Acks)
	c.Failures = slices.Clone(r.Failures)
	return &c
}
