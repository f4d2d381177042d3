-- A partition between the data centers: DC1 keeps serving chat while the link to DC2 is cut, then heals.
local lab = ...
Set_PcDrillTarget{ Rto = "2s", RpoMessages = 0, Basis = "the principal, its mirror and the active servers stay in DC1",
  Documented = "None" }
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 2 }
Add_PcDrillEvent{ Kind = "Fault", Name = "partition the link DC1-DC2" }
Invoke_PcLabFault{ "partition", "link", Directory = lab, Force = true }
Wait_PcChatRecovery{ Timeout = "30s" }
Start_Sleep{ Seconds = 3 }
Invoke_PcLabFault{ "heal", "link", Directory = lab, Force = true }
Add_PcDrillEvent{ "link healed" }
Start_Sleep{ Seconds = 1 }
Stop_PcChatTraffic{}
