-- What pchat-two-site.xml cannot say (topology-xml.md section 6): the data
-- center of each server and which are active, the site defaults, time
-- zones, the witnesses' edition and log shipping. Import-PcTopology merges
-- it over the import (-Override), with -SqlVersion 2012 -SqlEdition Enterprise.
return {
  sites = {
    { name = "DC1", timeZone = "America/New_York" },
    { name = "DC2", timeZone = "America/New_York" },
  },
  chatPools = {
    {
      fqdn = "pc.contoso.com",
      defaultFor = { "DC1", "DC2" },
      servers = {
        { fqdn = "pc1.contoso.com", site = "DC1", active = true },
        { fqdn = "pc2.contoso.com", site = "DC1", active = true },
        { fqdn = "pc3.contoso.com", site = "DC1", active = true },
        { fqdn = "pc4.contoso.com", site = "DC1", active = true },
        { fqdn = "pc5.contoso.com", site = "DC2" },
        { fqdn = "pc6.contoso.com", site = "DC2" },
        { fqdn = "pc7.contoso.com", site = "DC2" },
        { fqdn = "pc8.contoso.com", site = "DC2" },
      },
    },
  },
  sqlStores = {
    { name = "sqlw1", edition = "Standard" },
    { name = "sqlw2", edition = "Standard" },
  },
  logShipping = {
    share = [[\\fs1.contoso.com\pchatlogs]],
    copyDirectory = [[D:\PChatLogCopy]],
  },
}
