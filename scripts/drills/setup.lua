-- Starts the drill's lab and sets up HA/DR on it with the built-in runbook.
local lab, layout = ...
local start = { Directory = lab, UseInSession = true, Force = true }
if layout ~= nil and layout ~= "" then start.Layout = layout end
Start_PcLab(start)
-- L4 + L5 + L6: mirroring with the witness in DC1, log shipping to DC2
-- from the principal and from its mirror, every 2 seconds.
Install_PcPersistentChatHadr{ Interval = "2s", Force = true }
