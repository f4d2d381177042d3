package tds

import (
	"context"
	"net"
)

// PipeDialer connects clients to a Server in memory, without a listener.
// It satisfies go-mssqldb's Dialer interface (mssql.Connector.Dialer).
type PipeDialer struct {
	Server *Server
}

// DialContext returns the client end of an in-memory connection whose
// server end the Server serves; network and address are ignored.
func (d PipeDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	client, server := net.Pipe()
	go func() { _ = d.Server.ServeConn(d.Server.ctx, server) }()
	return client, nil
}
