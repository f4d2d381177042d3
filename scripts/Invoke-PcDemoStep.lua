--[[
.SYNOPSIS
A harmless demonstration step that shows how a change is confirmed.

.DESCRIPTION
Calls ShouldProcess with the T-SQL a real step would run. With -WhatIf it
only prints the statement; it never connects to anything.

.PARAMETER Database
The database named in the demonstration statement.

.EXAMPLE
Invoke-PcDemoStep -Database mgc -WhatIf
Prints: What if: Performing the operation "ALTER DATABASE [mgc] SET PARTNER FAILOVER" on target "mgc".
]]
local args = cmdlet {
  impact = "High",
  params = {
    { "Database", type = "string", mandatory = true, position = 0, help = "The database named in the statement." },
  },
}

local stmt = "ALTER DATABASE [" .. args.Database:gsub("]", "]]") .. "] SET PARTNER FAILOVER"
if host.should_process(args.Database, stmt) then
  host.write("(demo) would now run: " .. stmt)
end
