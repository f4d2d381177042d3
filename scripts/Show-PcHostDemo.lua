--[[
.SYNOPSIS
Shows what the pcsh host does: commands, help, formatting and -WhatIf.

.DESCRIPTION
A short tour used by `make run` until the HA/DR modules and the lab are
wired in. It lists commands, renders help, formats objects as a table and
as JSON, filters a pipeline from Lua, and dry-runs a runbook step.

.PARAMETER Verb
The verb whose commands the tour lists.

.EXAMPLE
Show-PcHostDemo -Verb Get
Lists the Get- commands, then runs the rest of the tour.
]]
local args = cmdlet {
  impact = "None",
  params = {
    { "Verb", type = "string", position = 0, default = "Get", help = "The verb whose commands the tour lists." },
  },
}

host.write("== Commands with verb " .. args.Verb .. " (Get-Command -Verb " .. args.Verb .. ")")
local cmds = Get_Command{ Verb = args.Verb }
host.write(Format_Table(cmds, { Property = { "Name", "Module" } })[1])

host.write("== Help (Get-Help Get-Verb)")
host.write(Get_Help{ "Get-Verb" }[1])

host.write("== Lua filter over objects (Where-Object -FilterScript)")
local lifecycle = Where_Object(Get_Verb{}, { FilterScript = function(v) return v.Group == "Lifecycle" end })
host.write(Format_Table(Sort_Object(lifecycle, { Property = "Verb" }))[1])

host.write("== JSON (ConvertTo-Json)")
host.write(ConvertTo_Json(Get_Verb{ "Install" })[1])

host.write("== -WhatIf (Invoke-PcDemoStep -WhatIf)")
Invoke_PcDemoStep{ Database = "mgc", WhatIf = true }
