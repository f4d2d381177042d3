-- Failback: DC1 returns and the failback runbook moves the pool back to it (a planned outage).
local lab = ...
Invoke_PcLabFault{ "restart", "DC1", Directory = lab, Force = true }
Start_PcChatServer{ "DC1" }
Set_PcDrillTarget{ Documented = "PoolFailover", Basis = "planned: no target at lab speed yet" }
Start_PcChatTraffic{}
Start_Sleep{ Seconds = 2 }
Add_PcDrillEvent{ Kind = "Fault", Name = "failback starts" }
Invoke_PcDrillRunbook{ "Invoke-PcPersistentChatFailback", Parameters = { AllowDataLoss = true, Interval = "2s", SettleSeconds = 1, Force = true } }
Wait_PcChatRecovery{ Timeout = "60s", Settle = "2s" }
Stop_PcChatTraffic{}
