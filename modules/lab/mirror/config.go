package mirror

import (
	"context"
	"net"
	"time"

	"pcsh/modules/lab/engine"
)

// Dialer opens TCP connections to partner and witness endpoints; the lab
// injects one that resolves its host names and can cut links.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// ListenFunc opens the listening socket of the mirroring endpoint.
type ListenFunc func(network, address string) (net.Listener, error)

// Config configures the mirroring Server of one lab instance. Zero fields
// take defaults.
type Config struct {
	// Instance is the engine instance whose databases are mirrored.
	Instance *engine.Instance
	// Host is the address the endpoint listens on (the instance's own
	// loopback address such as 127.0.0.2); default 127.0.0.1.
	Host string
	// ServerName is the instance name announced to partners: it becomes
	// mirroring_partner_instance on the other side and the ENVCHANGE 13
	// failover partner clients reconnect to; default Instance.Name().
	ServerName string
	// Dialer opens outbound connections; default a net.Dialer.
	Dialer Dialer
	// Listen opens the endpoint socket; default net.Listen.
	Listen ListenFunc
	// Clock is the time source; default RealClock().
	Clock Clock
	// PingInterval paces pings, reconnects and witness status; default 1 s.
	PingInterval time.Duration
	// DialTimeout bounds one connection attempt; default 2 s.
	DialTimeout time.Duration
	// Logf receives error log lines (role changes, lost partners); nil
	// discards them.
	Logf func(format string, args ...any)
}

// withDefaults fills in the zero fields.
func (c Config) withDefaults() Config {
	if c.Host == "" {
		c.Host = "127.0.0.1"
	}
	if c.ServerName == "" && c.Instance != nil {
		c.ServerName = c.Instance.Name()
	}
	if c.Dialer == nil {
		c.Dialer = &net.Dialer{}
	}
	if c.Listen == nil {
		c.Listen = net.Listen
	}
	if c.Clock == nil {
		c.Clock = RealClock()
	}
	if c.PingInterval <= 0 {
		c.PingInterval = time.Second
	}
	if c.DialTimeout <= 0 {
		c.DialTimeout = 2 * time.Second
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return c
}
