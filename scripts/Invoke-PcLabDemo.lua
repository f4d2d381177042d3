--[[
.SYNOPSIS
Runs the HA/DR tour on the standard two-data-center lab.

.DESCRIPTION
Rehearses the documented Persistent Chat HA/DR setup against the lab that
`pcsh lab up` started (PCSH_LAB_FILE, PCSH_TOPOLOGY and PCSH_CMS_DIR point
at it): checks the topology and the required resources, mirrors mgc inside
DC1 with a witness, ships its log to DC2 from the principal and from its
mirror, posts chat messages, fails the mirror over and back while log
shipping keeps going, and prints the status tables. `make run` runs it.

.PARAMETER CopyDirectory
The backup instance's copy directory (the lab's copy/dc2-sql1).

.EXAMPLE
Invoke-PcLabDemo -CopyDirectory .lab/copy/dc2-sql1 -WhatIf
Prints every statement of the tour without changing the lab.
]]
local args = cmdlet {
  impact = "High",
  params = {
    { "CopyDirectory", type = "string", mandatory = true, position = 0 },
    { "Share", type = "string", default = [[\\fs.lab.local\pchatlogs]], help = "The log shipping share (UNC)." },
    { "Interval", type = "string", default = "2s", help = "The log shipping job interval." },
  },
}

-- -Force on this runbook skips its own confirmation only; the steps do not
-- inherit it, so it is forwarded to each changing step explicitly.
local force = host.preference().Force
local function show(objs) if #objs > 0 then host.write(Format_Table(objs)[1]) end end
local function step(title) host.write("\n== " .. title) end
local function count(instance)
  -- from master: a session inside mgc would block the STANDBY restores (3101)
  local rows = Invoke_PcSqlQuery{ SqlInstance = instance, Database = "master",
    Query = "SELECT COUNT(*) AS Messages FROM mgc.dbo.tblChat", Force = true }
  return rows[1] and rows[1].Messages or 0
end
local function shipped(want, seconds)
  for i = 1, seconds * 2 do
    if count("dc2-sql1") >= want then return i / 2 end
    Start_Sleep{ Milliseconds = 500 }
  end
  host.throw{ Message = string.format("dc2-sql1 did not receive message %d within %d s.", want, seconds),
    ErrorId = "ShippingStalled", Category = "OperationTimeout", Target = "dc2-sql1" }
end
local function post(instance, id, text)
  Invoke_PcSqlQuery{ SqlInstance = instance, Database = "mgc", Force = true,
    Query = "INSERT INTO dbo.tblChat (channelId, chatId, chatDate, userId, isAlert, content) VALUES (2, @id, 0, 1, 0, @text)",
    Parameter = { id = id, text = text } }
end

step("1. Topology (Test-PcTopology): one finding per documented rule broken")
local findings = Test_PcTopology{}
if #findings == 0 then host.write("No findings: the lab's topology follows every documented rule.") else show(findings) end

step("2. Mirroring inside DC1 (Install-CsMirrorDatabase)")
show(Select_Object(Install_CsMirrorDatabase{ DatabaseType = "PersistentChat", SqlServerFqdn = "dc1-sql1.lab.local",
  FileShare = args.Share, Force = force }, { Property = { "DatabaseName", "Principal", "Mirror", "Witness", "MirroringState", "WitnessState" } }))

step("3. Log shipping to DC2 from the principal and from its mirror")
New_PcLogShipping{ PrimaryInstance = "dc1-sql1", SecondaryInstance = "dc2-sql1", Database = "mgc",
  BackupShare = args.Share, CopyDirectory = args.CopyDirectory, RestoreMode = "Standby",
  BackupInterval = args.Interval, CopyInterval = args.Interval, RestoreInterval = args.Interval, Force = force }
Add_PcLogShippingMirrorSource{ MirrorInstance = "dc1-sql2", SecondaryInstance = "dc2-sql1", Database = "mgc",
  BackupShare = args.Share, BackupInterval = args.Interval, Force = force }
host.write("Log shipping is configured on dc1-sql1, dc1-sql2 and dc2-sql1.")

if host.whatif() then return end

step("4. Required resources (Test-PcResource): the checks that did not pass")
show(Select_Object(Where_Object(Test_PcResource{}, { FilterScript = function(r) return r.Verdict ~= "Pass" end }),
  { Property = { "SqlInstance", "Check", "Verdict", "Detail" } }))
host.write("Every other check passed. DC2's mirroring endpoints are created when DC2 takes over (failover runbook R3).")

step("5. Chat messages on the principal reach the STANDBY secondary in DC2")
post("dc1-sql1", 1, "posted in DC1 before the failover")
local took = shipped(1, 30)
host.write(string.format("mgc messages: dc1-sql1 %d, dc2-sql1 (log shipping secondary) %d, shipped within %.1f s",
  count("dc1-sql1"), count("dc2-sql1"), took))

step("6. Planned failover to the mirror (Invoke-CsDatabaseFailover -NewPrincipal Mirror)")
local failoverColumns = { Property = { "DatabaseName", "OldPrincipal", "NewPrincipal", "Kind", "MirroringState" } }
show(Select_Object(Invoke_CsDatabaseFailover{ PoolFqdn = "pc.lab.local", DatabaseType = "PersistentChat",
  NewPrincipal = "Mirror", Force = force }, failoverColumns))
post("dc1-sql2", 2, "posted on the mirror after the failover")
took = shipped(2, 30)
host.write(string.format("mgc messages: dc1-sql2 (new principal) %d, dc2-sql1 %d: the mirror's log backups continue the chain (%.1f s)",
  count("dc1-sql2"), count("dc2-sql1"), took))

step("7. Failback (Invoke-CsDatabaseFailover -NewPrincipal Primary)")
show(Select_Object(Invoke_CsDatabaseFailover{ PoolFqdn = "pc.lab.local", DatabaseType = "PersistentChat",
  NewPrincipal = "Primary", Force = force }, failoverColumns))

step("8. Status")
show(Get_CsDatabaseMirrorState{ PoolFqdn = "pc.lab.local" })
show(Select_Object(Get_PcLogShippingStatus{ SqlInstance = { "dc1-sql1", "dc1-sql2", "dc2-sql1" } },
  { Property = { "SqlInstance", "Role", "Verdict", "Reason" } }))
show(Get_CsPersistentChatState{})
