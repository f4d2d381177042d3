package engine

func (e *enc) mirroring(m *Mirroring) {
	e.boolean(m != nil)
	if m == nil {
		return
	}
	e.b = append(e.b, m.GUID[:]...)
	for _, v := range []uint8{m.State, m.Role, m.SafetyLevel, m.WitnessState} {
		e.u8(v)
	}
	for _, v := range []int32{m.RoleSequence, m.SafetySequence, m.ConnectionTimeout, m.RedoQueueMB} {
		e.varint(int64(v))
	}
	e.boolean(m.RedoQueueLimited)
	for _, s := range []string{m.PartnerName, m.PartnerInstance, m.WitnessName} {
		e.str(s)
	}
	for _, l := range []LSN{m.FailoverLSN, m.EndOfLogLSN, m.ReplicationLSN} {
		e.uvarint(uint64(l))
	}
}

func (d *dec) mirroring() *Mirroring {
	if !d.boolean() {
		return nil
	}
	m := &Mirroring{}
	copy(m.GUID[:], d.Take(16))
	m.State, m.Role, m.SafetyLevel, m.WitnessState = d.U8(), d.U8(), d.U8(), d.U8()
	m.RoleSequence, m.SafetySequence = int32(d.Varint()), int32(d.Varint())
	m.ConnectionTimeout, m.RedoQueueMB = int32(d.Varint()), int32(d.Varint())
	m.RedoQueueLimited = d.boolean()
	m.PartnerName, m.PartnerInstance, m.WitnessName = d.Str(), d.Str(), d.Str()
	m.FailoverLSN, m.EndOfLogLSN, m.ReplicationLSN = LSN(d.Uvarint()), LSN(d.Uvarint()), LSN(d.Uvarint())
	return m
}
