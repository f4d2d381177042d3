package drill

import (
	"context"
	"slices"
	"testing"
	"time"

	"pcsh/modules/lab/chatpool"
)

func traffic() chatpool.TrafficConfig {
	return chatpool.TrafficConfig{Clients: 4, Rooms: chatpool.Rooms(2), Rate: 100}
}

// TestNoFaultMeasuresNothingLost: traffic without a fault reports RTO 0
// and RPO 0, every acknowledged message read back.
func TestNoFaultMeasuresNothingLost(t *testing.T) {
	ctx := context.Background()
	h := &Harness{OpenPool: fakePool(&memDB{})}
	defer h.Close()
	h.Begin("baseline", "")
	if err := h.StartTraffic(ctx, "lab", nil, traffic()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	r := h.End(ctx, nil)
	m := r.Measurement
	if m == nil || m.Acknowledged == 0 {
		t.Fatalf("no traffic measured: %+v", m)
	}
	if m.RTO != 0 || m.Lost != 0 || m.LostWindow != 0 || m.Present != m.Acknowledged {
		t.Errorf("RTO %s, lost %d (window %s), present %d of %d acknowledged; want RTO 0 and nothing lost",
			m.RTO, m.Lost, m.LostWindow, m.Present, m.Acknowledged)
	}
	if s := r.Summarize(); s.RTO != "0.000 s" || s.RPO != "0 msg" {
		t.Errorf("summary %+v", s)
	}
}

// TestKnownLossIsMeasuredExactly: a fault that drops the last committed
// messages (the queued tail a forced service loses) and refuses posts for
// a while is reported as exactly those messages, and the RTO spans the
// outage from the fault mark.
func TestKnownLossIsMeasuredExactly(t *testing.T) {
	ctx := context.Background()
	db := &memDB{}
	h := &Harness{OpenPool: fakePool(db)}
	defer h.Close()
	h.Begin("forced-loss", "")
	h.SetTarget(Target{RPOMessages: 0, HasRPO: true}, Documented{})
	if err := h.StartTraffic(ctx, "lab", nil, traffic()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	fault := h.AddEvent(Event{Kind: KindFault, Name: "kill the principal"})
	lost := db.fail(400*time.Millisecond, 7)
	rto, err := h.WaitRecovery(ctx, 5*time.Second, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	r := h.End(ctx, nil)
	m := r.Measurement
	if !slices.Equal(m.LostIDs, lost) {
		t.Errorf("lost ids %v, want exactly the dropped %v", m.LostIDs, lost)
	}
	if m.Present != m.Acknowledged-len(lost) {
		t.Errorf("present %d, acknowledged %d, dropped %d", m.Present, m.Acknowledged, len(lost))
	}
	if m.RTO < 400*time.Millisecond || m.RTO > 2*time.Second || !m.Recovered {
		t.Errorf("RTO %s (recovered %v), want the 400 ms outage and a little", m.RTO, m.Recovered)
	}
	if d := m.RTO - rto; d < 0 || d > 0 && m.FirstAckAfterFault.Sub(fault.At) != m.RTO {
		t.Errorf("Wait-PcChatRecovery saw %s, the measurement %s", rto, m.RTO)
	}
	if v := r.Summarize().Verdict; v != "Missed" {
		t.Errorf("verdict %s with %d lost against RPO 0, want Missed", v, m.Lost)
	}
	var kinds []EventKind
	for _, e := range r.Events {
		kinds = append(kinds, e.Kind)
	}
	if !slices.Equal(kinds, []EventKind{KindFault, KindRecovery}) {
		t.Errorf("events %v, want the fault then the recovery", kinds)
	}
}

// TestSiteServersFailAndRecover: Stop-PcChatServer's harness call takes
// a site's servers down, so clients cannot post until they come back.
func TestSiteServersFailAndRecover(t *testing.T) {
	ctx := context.Background()
	h := &Harness{OpenPool: fakePool(&memDB{})}
	defer h.Close()
	names, err := h.SetSite(ctx, "lab", nil, "dc1", true)
	if err != nil || len(names) != 2 {
		t.Fatalf("SetSite: %v %v", names, err)
	}
	for _, n := range names {
		if !h.pool.Server(n).Status().Down {
			t.Errorf("%s is not down", n)
		}
	}
	if _, err := h.SetSite(ctx, "lab", nil, "DC1", false); err != nil {
		t.Fatal(err)
	}
	if h.pool.Server("pc1.test").Status().Down {
		t.Error("pc1.test is still down")
	}
	if _, err := h.SetSite(ctx, "lab", nil, "DC9", true); err == nil {
		t.Error("a site without servers was accepted")
	}
}
