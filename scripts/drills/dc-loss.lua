-- Loss of the primary data center: DC1's SQL instances and chat servers die; the failover runbook moves the pool to DC2.
local lab = ...
local interval, rate = 2, 50
Set_PcDrillTarget{ Rto = "10s", RpoMessages = interval * rate, Documented = "PoolFailover",
  Basis = string.format("failover runbook started by the health check; RPO one log shipping interval (%d s at %d posts/s)", interval, rate) }
Start_PcChatTraffic{ Rate = rate }
Start_Sleep{ Seconds = 2 }
Add_PcDrillEvent{ Kind = "Fault", Name = "DC1 lost" }
Invoke_PcLabFault{ "kill", "DC1", Directory = lab, Force = true }
Stop_PcChatServer{ "DC1" }

-- The health check's Critical verdict starts the failover where the
-- check exists; otherwise the operator starts it at once.
local found, commands = pcall(Get_Command, { Name = "Test-PcPersistentChatHealth" })
if found and #commands > 0 then
  for _ = 1, 100 do
    local ok, rows = pcall(Test_PcPersistentChatHealth, {})
    local critical = false
    for _, r in ipairs(ok and rows or {}) do
      if r.Verdict == "Critical" then critical = true end
    end
    if critical then break end
    Start_Sleep{ Milliseconds = 200 }
  end
  Add_PcDrillEvent{ "health check: Critical" }
else
  Add_PcDrillEvent{ "no health check: the failover starts by hand" }
end
Invoke_PcDrillRunbook{ "Invoke-PcPersistentChatFailover", Parameters = { AllowDataLoss = true, FromCopyDirectory = true, Force = true } }
Wait_PcChatRecovery{ Timeout = "60s", Settle = "2s" }
Stop_PcChatTraffic{}
