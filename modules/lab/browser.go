package lab

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"pcsh/modules/connection/ssrp"
	"pcsh/modules/lab/datacenter"
	"pcsh/modules/lab/exec"
)

// named reports whether the options ask for a named instance.
func (o ServeOptions) named() bool {
	return datacenter.IsNamed(o.Instance)
}

// serverName is @@SERVERNAME: HOST for the default instance, HOST\NAME
// for a named one, as on SQL Server.
func (o ServeOptions) serverName() string {
	if o.named() {
		return o.Name + `\` + strings.ToUpper(o.Instance)
	}
	return o.Name
}

// startBrowser answers SSRP on UDP 1434 of the instance's address for a
// named instance, announcing the TCP port tds listens on; nil for the
// default instance. The fault plan applies: a partitioned client gets no
// answer, as from a host it cannot reach.
func startBrowser(o ServeOptions, tdsAddr string, env *labEnv) (net.PacketConn, error) {
	if !o.named() {
		return nil, nil
	}
	host, port, err := net.SplitHostPort(tdsAddr)
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort(host, strconv.Itoa(ssrp.Port))
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("lab instance %s: SQL Server Browser on UDP %s: %w (the lab runs one named instance per address)",
			o.serverName(), addr, err)
	}
	tcpPort, _ := strconv.Atoi(port)
	in := ssrp.Instance{ServerName: strings.ToUpper(o.Name), InstanceName: strings.ToUpper(o.Instance),
		Version: exec.DefaultVersion().ProductVersion(), TCPPort: tcpPort}
	r := &ssrp.Responder{Instances: func() []ssrp.Instance { return []ssrp.Instance{in} },
		Logf: func(format string, args ...any) { fmt.Fprintf(o.Err, format+"\n", args...) }}
	if env.watcher != nil {
		r.Allowed = env.watcher.Allowed
	}
	go func() { _ = r.Serve(pc) }()
	return pc, nil
}
