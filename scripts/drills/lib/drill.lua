-- Shared code of the drill scenarios (require "pcsh.drill").
local M = {}

-- mirroringTarget sets the scenario's target from the mirroring session on
-- instance: RPO 0 messages and RTO within the partner TIMEOUT + 2 s.
function M.mirroringTarget(instance)
  local status = Get_PcMirroringStatus{ instance, "mgc" }[1]
  Set_PcDrillTarget{ Rto = string.format("%ds", status.ConnectionTimeout + 2), RpoMessages = 0,
    Basis = string.format("SAFETY %s with a witness: partner TIMEOUT %d s + 2 s", status.Safety, status.ConnectionTimeout),
    Documented = "BackEndMirroring" }
end

return M
